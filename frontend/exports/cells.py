"""Text cells of every download (CSV and XLSX) are data, never formulas.

A spreadsheet program reads a cell that starts with "=", "+", "-" or "@" as a formula, and
one that starts with a tab or CR after its whitespace is trimmed: an area or work model
name such as '=HYPERLINK("https://evil.example")' would run on the reader's machine
(CSV/formula injection). As OWASP advises, such a text gets a leading single quote, which
spreadsheets show as text; numbers stay numbers (a negative figure is no formula).
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """`value`, a text that would start a formula made inert; other values as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
