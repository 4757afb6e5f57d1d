"""The places app's commands: import_places and load_territory."""
