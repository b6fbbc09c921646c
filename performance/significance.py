"""Whether two survey results differ by more than their confidence intervals allow."""

from dataclasses import dataclass
from decimal import Decimal

from performance.formatting import ci_places, format_number


@dataclass
class ComparisonResult:
    earlier: object
    later: object
    difference: Decimal
    allowance: Decimal
    significant: bool
    sentence: str


def compare(earlier, later) -> ComparisonResult:
    """Compare two results with 95% confidence intervals.

    The difference counts as real only when it is bigger than the two intervals
    added together, so the two ranges do not overlap. This is a cautious test:
    a difference it calls real is very unlikely to be chance.
    """
    places = max(ci_places(earlier.decimals, earlier.ci), ci_places(later.decimals, later.ci))
    difference = later.value - earlier.value
    allowance = earlier.ci + later.ci
    size = format_number(abs(difference), places)
    together = format_number(allowance, places)
    points = "percentage points" if later.unit == "percent" else later.get_unit_display()
    significant = abs(difference) > allowance
    direction = "higher" if difference > 0 else "lower"
    if difference == 0:
        sentence = "The two results are the same."
    elif significant:
        sentence = (
            f"The later result is {size} {points} {direction}. That is more than the {together} points the two "
            f"confidence intervals allow for together, so the difference is real and not down to chance."
        )
    else:
        sentence = (
            f"The later result is {size} {points} {direction}. That is within the {together} points the two "
            f"confidence intervals allow for together, so it could be down to chance: these results do not show "
            f"a real difference."
        )
    return ComparisonResult(earlier, later, difference, allowance, significant, sentence)
