"""Helpers for files staff download from admin."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula: text typed in by the
    public that starts like one is prefixed with an apostrophe (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
