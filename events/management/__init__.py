"""The events app's management commands."""
