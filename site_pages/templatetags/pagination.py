"""`{% pagination page %}`: the GOV.UK pagination component for a list split by
Django's Paginator. Page links keep the rest of the query string (search and
filters), so moving between pages never loses what someone asked for."""

from django import template

register = template.Library()

ELLIPSIS = None


def page_url(request, number: int) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    if number > 1:
        params["page"] = str(number)
    query = params.urlencode()
    return f"?{query}" if query else request.path


@register.inclusion_tag("site_pages/includes/pagination.html", takes_context=True)
def pagination(context, page, label="Pagination"):
    """Nothing is shown for a list that fits on one page."""
    request = context["request"]
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return {"show": False}
    items = [
        {"ellipsis": True}
        if number == paginator.ELLIPSIS
        else {"number": number, "url": page_url(request, number), "current": number == page.number}
        for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return {
        "show": True,
        "label": label,
        "items": items,
        "previous": page_url(request, page.previous_page_number()) if page.has_previous() else "",
        "next": page_url(request, page.next_page_number()) if page.has_next() else "",
    }
