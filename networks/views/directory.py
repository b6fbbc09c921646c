from django.core.paginator import InvalidPage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from networks.directory import DirectoryFilters, directory_page, group_by_category
from networks.forms import DirectoryFilterForm
from networks.models import Category, Network
from networks.validators import LOGO_CONTENT_TYPES, extension_of
from page_cache.decorators import cached_page


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
    form = DirectoryFilterForm(
        initial={"q": filters.query, "category": filters.category_slugs, "join": filters.audience_values},
        categories=categories,
    )
    return render(
        request,
        "networks/index.html",
        {
            "form": form,
            "filters": filters,
            "groups": group_by_category(page, categories),
            "count": page.paginator.count,
            "page": page,
            "removal_links": filters.removal_links(base),
            # Offered when nothing matched: each starts afresh with one category.
            "category_links": [(category, f"{base}?category={category.slug}") for category in categories],
        },
    )


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
