"""The API's management commands."""
