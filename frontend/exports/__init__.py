"""Downloads of pages: their tables as CSV and XLSX, the whole page as PDF."""
