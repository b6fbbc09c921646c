"""“You said, we did”: the force-wide list, each group's page, the feeds and the CSV."""

import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from audit.exports import csv_safe
from iag.models import AdvisoryGroup
from iag_work import selectors
from iag_work.forms import AdviceFilterForm
from page_cache.decorators import cached_page

PER_PAGE = 20
FILTERS = ("group", "theme", "status", "page")


def _listing(request, *, group=None) -> dict:
    form = AdviceFilterForm(request.GET or None)
    filters = form.filters()
    if group is not None:
        filters["group"] = group
    points = selectors.advice_points(**filters)
    page = Paginator(points, PER_PAGE).get_page(request.GET.get("page"))
    return {
        "form": form,
        "page": page,
        "points": page.object_list,
        "counts": selectors.year_counts(group=group),
        "filtered": any(request.GET.get(name) for name in ("group", "theme", "status")),
        "has_examples": selectors.has_examples(),
        "year": timezone.localdate().year,
    }


@cached_page(query=FILTERS)
@require_safe
def advice_list(request):
    return render(request, "iag_work/advice_list.html", _listing(request))


@cached_page(query=FILTERS)
@require_safe
def group_page(request, slug: str):
    group = get_object_or_404(AdvisoryGroup, slug=slug)
    context = _listing(request, group=group)
    context.update(
        group=group,
        scrutiny=selectors.group_scrutiny(group),
        member_names=selectors.public_member_names(group),
    )
    return render(request, "iag_work/group.html", context)


COLUMNS = [
    "Given on",
    "Group",
    "Theme",
    "What the group said",
    "Status",
    "Reason not taken forward",
    "Force response",
    "What changed",
    "Responded on",
    "Example data",
]


@cached_page(query=("group", "theme", "status"))
@require_safe
def advice_csv(request):
    form = AdviceFilterForm(request.GET or None)
    points = selectors.advice_points(**form.filters())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="you-said-we-did.csv"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for point in points.iterator(chunk_size=1000):
        writer.writerow(
            csv_safe(value)
            for value in [
                point.given_on.isoformat(),
                point.group.name,
                point.theme.name,
                point.advice,
                point.get_status_display(),
                point.not_taken_forward_reason,
                point.force_response,
                point.what_changed,
                point.responded_on.isoformat() if point.responded_on else "",
                "yes" if point.is_example else "no",
            ]
        )
    return response
