"""Admin lists of tables that grow without end (applications, bookings, emails,
subscribers, audit trails) cost the same at a hundred rows as at a million.

Django's admin counts every matching row on every page of a list, for its page
links and its "N applications" line. `LongListAdminMixin` counts no further than
`COUNT_LIMIT` rows: past that, the list says "more than 10,000" instead of the
exact number, and pages on as far as that. Filter, search or sort the other way
to reach older rows, or to count a smaller set exactly."""

from django.contrib.admin import helpers
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext

COUNT_LIMIT = 10_000


class MoreThan(int):
    """A count that stopped at `limit`: compares as limit + 1, reads as "more than limit"."""

    def __new__(cls, limit: int):
        value = super().__new__(cls, limit + 1)
        value.limit = limit
        return value

    def __str__(self) -> str:
        return gettext("more than %(limit)s") % {"limit": f"{self.limit:,}"}


class CappedCountPaginator(Paginator):
    """Counts with `SELECT COUNT(*) FROM (... LIMIT COUNT_LIMIT + 1)`, never the whole table."""

    count_limit = COUNT_LIMIT

    @cached_property
    def count(self) -> int:
        counted = self.object_list.order_by()[: self.count_limit + 1].count()
        return MoreThan(self.count_limit) if counted > self.count_limit else counted

    def page(self, number):
        """As Django's, except that past the limit the last page is a full page:
        the rows after it exist though they were not counted."""
        if not isinstance(self.count, MoreThan):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)


class LongListAdminMixin:
    """For a ModelAdmin whose list grows with the data."""

    paginator = CappedCountPaginator
    show_full_result_count = False  # Django's second count, of the unfiltered table

    def action_checkbox(self, obj):
        """The same checkbox as Django's, written directly rather than through
        the form widget templates (one template render per row)."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )
