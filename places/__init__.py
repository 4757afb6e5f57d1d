"""Organisations, their members, places (with the exact/area location precision), place
imports, real territories."""
