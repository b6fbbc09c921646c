"""The directory's filters, read from the query string so every view has a URL
that can be bookmarked or shared, and works without JavaScript."""

from dataclasses import dataclass, field
from itertools import groupby
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, Window

from networks.models import Audience, Category

MAX_QUERY_LENGTH = 100
MAX_WORDS = 10
PAGE_SIZE = 20  # networks on one page of the directory
MAX_PAGE = 100_000  # far beyond any directory; keeps the row offset a number the database takes


@dataclass
class DirectoryFilters:
    query: str = ""
    categories: list[Category] = field(default_factory=list)
    audiences: list[Audience] = field(default_factory=list)

    @classmethod
    def from_request(cls, params, categories: list[Category]) -> "DirectoryFilters":
        """Unknown values are ignored rather than treated as errors: an old or
        hand-edited link still shows something useful."""
        query = " ".join(params.get("q", "").replace("\x00", "").split())[:MAX_QUERY_LENGTH]
        chosen = set(params.getlist("category"))
        wanted = set(params.getlist("join"))
        return cls(
            query=query,
            categories=[category for category in categories if category.slug in chosen],
            audiences=[audience for audience in Audience if audience.value in wanted],
        )

    @property
    def words(self) -> list[str]:
        return self.query.split()[:MAX_WORDS]

    @property
    def is_filtered(self) -> bool:
        return bool(self.query or self.categories or self.audiences)

    @property
    def category_slugs(self) -> list[str]:
        return [category.slug for category in self.categories]

    @property
    def audience_values(self) -> list[str]:
        return [audience.value for audience in self.audiences]

    def apply(self, queryset):
        queryset = queryset.search(self.words).in_categories(self.categories)
        return queryset.open_to_any(self.audience_values) if self.audiences else queryset

    def params(self, *, query=None, categories=None, audiences=None) -> list[tuple[str, str]]:
        query = self.query if query is None else query
        pairs = [("q", query)] if query else []
        pairs += [("category", slug) for slug in (self.category_slugs if categories is None else categories)]
        pairs += [("join", value) for value in (self.audience_values if audiences is None else audiences)]
        return pairs

    def url(self, base: str, **changes) -> str:
        pairs = self.params(**changes)
        return f"{base}?{urlencode(pairs)}" if pairs else base

    def removal_links(self, base: str) -> list[dict]:
        """One link per active filter that shows the same page without it."""
        links = []
        if self.query:
            links.append({"group": "Search", "label": self.query, "url": self.url(base, query="")})
        for category in self.categories:
            rest = [slug for slug in self.category_slugs if slug != category.slug]
            links.append({"group": "Category", "label": category.name, "url": self.url(base, categories=rest)})
        for audience in self.audiences:
            rest = [value for value in self.audience_values if value != audience.value]
            links.append({"group": "Who can join", "label": audience.label, "url": self.url(base, audiences=rest)})
        return links


def group_by_category(networks, categories: list[Category]) -> list[tuple[Category, list]]:
    """Networks already in directory order, as (category, networks) pairs. Who can
    join is given as text here, the labels translated once per page, not per row."""
    by_pk = {category.pk: category for category in categories}
    labels = [(audience.field, str(audience.label).lower()) for audience in Audience]
    networks = list(networks)
    for network in networks:
        network.category = by_pk[network.category_id]
        network.open_to = ", ".join(label for field_name, label in labels if getattr(network, field_name))
    return [(category, list(items)) for category, items in groupby(networks, key=lambda network: network.category)]


def directory_page(networks, number) -> Page:
    """One page of `networks` and how many match in all, from one query
    (COUNT(*) OVER ()) where Paginator takes two: a round trip fewer on every
    search. Raises InvalidPage, as Paginator.page() does, for a number that is
    not one of the pages."""
    try:
        number = int(number or 1)
    except (TypeError, ValueError) as exc:
        raise PageNotAnInteger from exc
    if not 1 <= number <= MAX_PAGE:
        raise EmptyPage
    start = (number - 1) * PAGE_SIZE
    rows = list(networks.annotate(matching=Window(Count("*")))[start : start + PAGE_SIZE])
    if not rows and number > 1:
        raise EmptyPage
    paginator = Paginator((), PAGE_SIZE)
    paginator.count = rows[0].matching if rows else 0  # what Paginator would have counted
    return Page(rows, number, paginator)
