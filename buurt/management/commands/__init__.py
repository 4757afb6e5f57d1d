"""The territory's commands: import_areas, import_indicators and assess_sensitivity."""
