"""Every public form the benchmark posts, each request a new valid submission.

A form is one line too: where it posts (one address is picked at random per
request), the body ({TOKEN}: a fresh one-time token; {UNIQUE}: a value never
used before; {REF}: a new candidate reference; {ctx.<key>}: a value of the
loaded data), where a valid submission
redirects to, and which rows it adds (so the run can count what was really
created). `pool` names per-request values each used once: "iag" and "pap" are
sessions already holding the earlier pages' answers (both journeys keep them
in the session), "withdraw" and "cancel" are private links of records that can
each be withdrawn or cancelled once.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class FormPost:
    name: str
    paths: Callable[[dict], list[str]]
    body: str
    success: str
    counts: str  # a key of ROW_COUNTS
    pool: str = ""


FORMS = [
    FormPost(
        "feedback",
        lambda ctx: [reverse("feedback")],
        "satisfaction=satisfied&comments=Clear+and+quick.&page=%2F&website=&form_token={TOKEN}",
        "/feedback/sent/",
        "feedback",
    ),
    FormPost(
        "dispatch: sign up",
        lambda ctx: [reverse("dispatch:index")],
        "email=bench-{UNIQUE}%40example.org&name=Sam+Bench&districts={ctx.district_pk}&topics={ctx.topic_pk}"
        "&website=&form_token={TOKEN}",
        "/dispatch/check-your-email/",
        "subscribers",
    ),
    FormPost(
        "networks: message a network",
        lambda ctx: [reverse("networks:contact", args=[slug]) for slug in ctx["network_slugs"]],
        "name=Sam+Bench&email=bench-{UNIQUE}%40example.org&message=Could+someone+call+me+back%3F"
        "&consent=on&website=&form_token={TOKEN}",
        "/contact/sent/",
        "network_messages",
    ),
    FormPost(
        "positive action: book an evening",
        lambda ctx: [reverse("positive_action:evening_book", args=[pk]) for pk in ctx["evening_pks"]],
        "name=Sam+Bench&email=bench-{UNIQUE}%40example.org&candidate_reference={REF}&access_needs="
        "&join_waiting_list=True&website=&form_token={TOKEN}",
        "/positive-action/preparation-evenings/check-your-email/",
        "bookings",
    ),
    FormPost(
        "positive action: cancel a booking",
        lambda ctx: [reverse("positive_action:index")],
        "",
        "/positive-action/bookings/",
        "cancelled_bookings",
        pool="cancel",
    ),
    FormPost(
        "positive action: sign-up (check answers)",
        lambda ctx: [reverse("positive_action:signup_check")],
        "website=&form_token={TOKEN}",
        "/positive-action/sign-up/confirmation/",
        "signups",
        pool="pap",
    ),
    FormPost(
        "iag: application (check answers)",
        lambda ctx: [reverse("iag:apply_check")],
        "consent=on&website=&form_token={TOKEN}",
        "/apply/application-sent/",
        "applications",
        pool="iag",
    ),
    FormPost(
        "iag: withdraw an application",
        lambda ctx: [reverse("iag:index")],
        "",
        "/application/withdrawn/",
        "withdrawn_applications",
        pool="withdraw",
    ),
    FormPost(
        "cookies: save preferences",
        lambda ctx: [reverse("cookies")],
        "analytics=no",
        "/cookies/",
        "",
    ),
]

IAG_POST = "iag: application (check answers)"
PAP_POST = "positive action: sign-up (check answers)"
# The targets' groups: forms of one page, and the last page of a multi-page form.
SINGLE_PAGE_POSTS = ("feedback", "dispatch: sign up", "networks: message a network", "positive action: book an evening")
FINAL_POSTS = (IAG_POST, PAP_POST)


def row_counts() -> dict[str, int]:
    """The rows each form adds, counted before and after its run."""
    from dispatch.models import Subscriber
    from iag.models import Application
    from networks.models import NetworkMessage
    from positive_action.models import Booking, Signup
    from site_pages.models import Feedback

    return {
        "feedback": Feedback.objects.count(),
        "subscribers": Subscriber.objects.count(),
        "network_messages": NetworkMessage.objects.count(),
        "bookings": Booking.objects.count(),
        "cancelled_bookings": Booking.objects.filter(status="cancelled").count(),
        "signups": Signup.objects.count(),
        "applications": Application.objects.count(),
        "withdrawn_applications": Application.objects.filter(status="withdrawn", anonymised_at__isnull=False).count(),
    }
