"""UiTdatabank import: an organisation's Search API v3 query in, activities out (docs/uit.md)."""
