from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from page_cache.decorators import cached_page
from positive_action import selectors
from positive_action.models.figures import under_representation_threshold


@cached_page
@require_safe
def index(request):
    return render(request, "positive_action/index.html")


@cached_page
@require_safe
def buddies(request):
    return render(request, "positive_action/buddies.html")


# Places left change with every booking, which does not empty the cache: at most
# 30 seconds stale, and booking checks capacity in the database.
@cached_page(max_age=30)
@require_safe
def evenings(request):
    paginator = Paginator(selectors.upcoming_evenings(), selectors.EVENINGS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as exc:  # not a whole number from 1 to the last page
        raise Http404 from exc
    return render(request, "positive_action/evenings.html", {"evenings": page, "page": page})


@cached_page
@require_safe
def under_representation(request):
    return render(
        request,
        "positive_action/under_representation.html",
        {
            "roles": selectors.representation_by_role(),
            "threshold": selectors.threshold_percent(),
            "threshold_ratio": under_representation_threshold(),
            "statement": selectors.force_statement(),
        },
    )
