"""Every public page the benchmark measures, in one place.

Used by the load runs (`python -m benchmarks`) and by the query-count test
(tests/benchmarks/test_query_counts.py). Adding a page is one line: a name and
either a URL name (no arguments) or a function of the loaded data returning
the path. `status` is the answer a visitor with no session gets. `private` marks a page
behind one person's private link: it shows their details, so it is never kept
in the page cache and the read-only public page target does not apply to it
(it is measured and printed all the same).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Page:
    name: str
    url: str | Callable[[dict], str]
    status: int = 200
    private: bool = False

    def path(self, ctx: dict) -> str:
        return self.url(ctx) if callable(self.url) else reverse(self.url)


def _r(name: str, key: str) -> Callable[[dict], str]:
    return lambda ctx: reverse(name, args=[ctx[key]])


PAGES = [
    Page("home", "home"),
    Page("equality and diversity", "equality"),
    Page("contact the diversity unit", "contact"),
    Page("privacy notice", "privacy"),
    Page("accessibility statement", "accessibility"),
    Page("cookies", "cookies"),
    Page("feedback form", "feedback"),
    Page("feedback sent", "feedback_sent"),
    Page("leave this site", "leave", status=302),
    Page("dispatch", "dispatch:index"),
    Page("iag: about", "iag:index"),
    Page("iag: groups", "iag:groups"),
    Page("iag: apply, first question", lambda ctx: reverse("iag:apply_step", args=["your-details"])),
    Page("iag: application status", _r("iag:status", "status_token"), private=True),
    Page("iag: withdraw (confirm)", _r("iag:withdraw", "status_token"), private=True),
    Page("iag: withdrawn", "iag:withdrawn"),
    Page("iag: you said, we did", "iag_work:advice"),
    Page("iag: you said, we did, filtered", lambda ctx: reverse("iag_work:advice") + "?status=done&page=2"),
    Page("iag: group's advice page", _r("iag_work:group", "group_slug")),
    Page("iag: advice feed", "iag_work:advice_feed"),
    Page("iag: advice CSV", "iag_work:advice_csv"),
    Page("networks: directory", "networks:index"),
    Page("networks: directory search", lambda ctx: reverse("networks:index") + "?q=support&join=staff"),
    Page("networks: network", _r("networks:detail", "network_slug")),
    Page("networks: contact form", _r("networks:contact", "network_slug")),
    Page("networks: message sent", _r("networks:contact_sent", "network_slug")),
    Page("positive action: about", "positive_action:index"),
    Page("positive action: buddies", "positive_action:buddies"),
    Page("positive action: evenings", "positive_action:evenings"),
    Page("positive action: book an evening", _r("positive_action:evening_book", "evening_pk")),
    Page("positive action: under-representation", "positive_action:under_representation"),
    Page("positive action: sign-up form", "positive_action:signup"),
    Page("positive action: sign-up done", "positive_action:signup_done"),
    Page("positive action: booking", _r("positive_action:booking_manage", "booking_token"), private=True),
    Page(
        "positive action: cancel booking (confirm)", _r("positive_action:booking_cancel", "booking_token"), private=True
    ),
    Page("positive action: booking calendar", _r("positive_action:booking_calendar", "booking_token"), private=True),
    Page("performance: report", "performance:index"),
    Page("performance: section", _r("performance:section", "section_slug")),
    Page("performance: table CSV", _r("performance:table_csv", "table_slug")),
    Page("performance: table JSON", _r("performance:table_json", "table_slug")),
]


def resolve(ctx: dict) -> list[dict]:
    """Name, path and expected status of every page, for this data."""
    return [
        {"name": page.name, "path": page.path(ctx), "status": page.status, "private": page.private} for page in PAGES
    ]


def count_queries(client, ctx: dict) -> dict[str, int]:
    """SQL queries each page runs once its caches are warm: the fewer of two requests
    after a first one (another process clearing a shared cache must not count as growth)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for page in PAGES:
        path = page.path(ctx)
        client.get(path)
        seen = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            if response.status_code != page.status:
                raise AssertionError(f"{page.name} ({path}) answered {response.status_code}, expected {page.status}")
            seen.append(len(captured.captured_queries))
        counts[page.name] = min(seen)
    return counts
