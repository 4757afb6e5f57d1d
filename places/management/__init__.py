"""The places app's management commands."""
