"""The events app's commands: load_demo, materialise_occurrences and sync_calendars."""
