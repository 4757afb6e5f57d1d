"""The territory's management commands."""
