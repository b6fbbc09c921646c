from django.core.paginator import InvalidPage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from networks.directory import DirectoryFilters, directory_page, group_by_category
from networks.forms import DirectoryFilterForm
from networks.models import Category, Network
from networks.validators import LOGO_CONTENT_TYPES, extension_of
from page_cache import fragments
from page_cache.decorators import cached_page

# Stands in for the search text in the kept filter form, and is replaced by the
# escaped text on each request: nothing anyone typed is ever kept. No one can type
# it (DirectoryFilters drops NULs) nor save it in a category's name (PostgreSQL
# text holds no NUL).
QUERY_STAND_IN = "\x00q\x00"


@cached_page(query=("category", "join", "page"))
@require_safe
def index(request):
    categories = list(Category.objects.all())
    filters = DirectoryFilters.from_request(request.GET, categories)
    try:
        page = directory_page(
            filters.apply(Network.objects.published().for_directory(categories)), request.GET.get("page")
        )
    except InvalidPage as exc:  # not a whole number from 1 to the last page
        raise Http404 from exc
    base = reverse("networks:index")
    groups = group_by_category(page, categories)
    language = get_language()
    for _category, networks in groups:
        for network in networks:
            network.entry = directory_entry(network, language)
    return render(
        request,
        "networks/index.html",
        {
            "filter_form": filter_form(filters, categories, language),
            "filters": filters,
            "groups": groups,
            "count": page.paginator.count,
            "page": page,
            "removal_links": filters.removal_links(base),
            # Offered when nothing matched: each starts afresh with one category.
            "category_links": [(category, f"{base}?category={category.slug}") for category in categories],
        },
    )


def directory_entry(network, language: str) -> str:
    """One network's entry in the list, kept per network and language: the same on
    every page of the directory and every search that finds it."""
    return fragments.kept(
        ("networks:directory-entry", network.pk, language, get_script_prefix()),
        lambda: render_to_string("networks/includes/directory_entry.html", {"network": network}),
    )


def filter_form(filters: DirectoryFilters, categories, language: str) -> str:
    """The filter form, kept per choice of boxes ticked and language, with the search
    text put in on each request."""

    def render_form():
        form = DirectoryFilterForm(
            initial={
                "q": QUERY_STAND_IN if filters.query else "",
                "category": filters.category_slugs,
                "join": filters.audience_values,
            },
            categories=categories,
        )
        return render_to_string("networks/includes/directory_filter_form.html", {"form": form})

    key = (
        "networks:filter-form",
        language,
        bool(filters.query),
        *filters.category_slugs,
        "|",
        *filters.audience_values,
    )
    html = fragments.kept(key, render_form)
    return mark_safe(html.replace(QUERY_STAND_IN, escape(filters.query)))  # noqa: S308 - escaped text in rendered HTML


@cached_page
@require_safe
def detail(request, slug):
    network = get_object_or_404(Network.objects.visible_to(request.user).select_related("category"), slug=slug)
    return render(request, "networks/network_detail.html", {"network": network})


@require_safe
def logo(request, slug):
    """Logos are served here rather than from a media URL, so only published
    networks' logos are public, and an SVG opened on its own cannot run anything."""
    network = get_object_or_404(Network.objects.visible_to(request.user), slug=slug)
    if not network.logo:
        raise Http404
    try:
        handle = network.logo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=LOGO_CONTENT_TYPES.get(extension_of(network.logo.name)))
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response
