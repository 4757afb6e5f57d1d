"""The API's commands: export_hsds (the whole directory as HSDS 3.0 files)."""
