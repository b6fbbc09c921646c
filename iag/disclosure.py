"""Disclosure control for tables that count people (after the ONS and GSS guidance
on statistical disclosure control for tables): small counts and zeros are
suppressed, the rest rounded, so nobody's answers can be read from a table or
worked out by comparing it with another."""

from django.utils.translation import gettext_lazy as _

THRESHOLD = 5  # counts below this, zero included, are not shown
BASE = 5  # shown counts and totals are rounded to the nearest multiple of this
SUPPRESSED = "[c]"
SUPPRESSED_MEANS = _("[c]: fewer than 5, or none (kept confidential)")


def rounded(n: int) -> int:
    """To the nearest multiple of BASE, halves rounded up."""
    return BASE * ((n + BASE // 2) // BASE)


def shown(n: int) -> str:
    return SUPPRESSED if n < THRESHOLD else f"{rounded(n):,}"


def protect_row(counts: list[int]) -> tuple[list[str], str]:
    """The cells and the total of one row of counts, as shown. If only one cell
    would be hidden, the next smallest is hidden too, so that it cannot be worked
    out from the others and the total."""
    hidden = {i for i, n in enumerate(counts) if n < THRESHOLD}
    if len(hidden) == 1 and len(counts) > 1:
        others = sorted((n, i) for i, n in enumerate(counts) if i not in hidden)
        hidden.add(others[0][1])
    cells = [SUPPRESSED if i in hidden else f"{rounded(n):,}" for i, n in enumerate(counts)]
    return cells, shown(sum(counts))
