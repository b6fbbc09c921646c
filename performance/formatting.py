"""How figures are written on the page: exactly as the report gives them."""

from decimal import Decimal

# Short unit words for table headers.
UNIT_HEADERS = {
    "fte": "FTE",
    "people": "people",
    "calls": "calls",
    "crimes": "crimes",
    "percent": "%",
    "points": "percentage points",
    "pounds": "£",
    "pounds_million": "£ million",
    "hours": "hours",
    "duration": "hh:mm:ss",
    "position": "position",
    "number": "number",
}


def format_duration(seconds: int) -> str:
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def format_number(value: Decimal, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def format_value(value: Decimal, unit: str, decimals: int) -> str:
    """3069.67 FTE -> '3,069.67'; 89.02 percent -> '89.02%'; 115398 pounds -> '£115,398'."""
    if value is None:
        return ""
    if unit == "duration":
        return format_duration(value)
    number = format_number(Decimal(value), decimals)
    if unit == "percent":
        return f"{number}%"
    if unit == "pounds":
        return f"£{number}"
    if unit == "pounds_million":
        return f"£{number} million"
    return number


def decimals_in(text: str) -> int:
    """How many decimal places the data file gives ('69.0' -> 1), so the page shows the same."""
    return len(text.split(".", 1)[1]) if "." in text else 0


WORD_UNITS = {
    "fte": "FTE",
    "people": "people",
    "calls": "calls",
    "crimes": "crimes",
    "hours": "hours",
    "points": "percentage points",
}


def ci_places(value_decimals: int, ci: Decimal | None) -> int:
    """Show a confidence interval to at least one place, and as many as the value has: '±1.1', '±4.0'."""
    exponent = ci.normalize().as_tuple().exponent if ci else 0
    return max(value_decimals, 1, -exponent if exponent < 0 else 0)
