"""Question text to an Answer, without Slack: grammar, name matching, text search, plain text."""
