"""The settings: base.py read from the environment, dev.py, test.py and production.py saying
how they differ."""
