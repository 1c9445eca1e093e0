"""Benchmarks (`make bench`, `make bench-quick`): numbers, not pass/fail tests."""
