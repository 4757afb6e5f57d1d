class CodeConverter:
    """An official area code or kind in a URL: printable, no slash, no control characters
    (a NUL byte would otherwise reach PostgreSQL and fail there)."""

    regex = r"[^/\x00-\x1f\x7f]{1,60}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
