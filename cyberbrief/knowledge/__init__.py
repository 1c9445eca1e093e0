"""The record kinds, reading them back, loading, export, the bundled pack and article drafting."""
