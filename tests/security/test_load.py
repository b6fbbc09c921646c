"""A bounded load run on loopback: the site under gunicorn (three workers) on
the test PostgreSQL database, twenty visitors for about fifteen seconds, half
sending feedback and half booking a preparation evening with five places. One
send in ten is posted twice (a double click).

What must hold: no 5xx; never more confirmed bookings than places; one outbox
row per record; one record per one-time token, however often it was posted."""

import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from outbox.models import Notification
from positive_action.models import Booking, PreparationEvening
from protected_forms.models import FormSubmission
from site_pages.models import Feedback
from tests.conftest import database_url_for_worker

from .public_forms import candidate_reference, open_evening
from .services import Gunicorn, SiteClient, site_env

VISITORS = 20
SECONDS = 15
CAPACITY = 5


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.errors: list[str] = []
        self.tokens = {"feedback": set(), "pap_booking": set()}
        self.latencies: list[float] = []

    def seen(self, response):
        with self.lock:
            self.statuses[response.status] += 1
            self.latencies.append(response.seconds)
            if response.status >= 500:
                self.errors.append(response.text[:300])

    def sent(self, form_name, token):
        with self.lock:
            self.tokens[form_name].add(token)


def send_feedback(visitor: SiteClient, tally: Tally, twice: bool):
    page, tokens = visitor.form("/feedback/")
    tally.seen(page)
    data = {**tokens, "satisfaction": random.choice(["satisfied", "neutral"]), "comments": "Under load"}
    for _ in range(2 if twice else 1):
        response = visitor.post("/feedback/", data)
        tally.seen(response)
        if response.status == 302:
            tally.sent("feedback", tokens["form_token"])


def book(visitor: SiteClient, tally: Tally, evening_id: int, twice: bool):
    path = f"/positive-action/preparation-evenings/{evening_id}/book/"
    page, tokens = visitor.form(path)
    tally.seen(page)
    data = {
        **tokens,
        "name": "Load Candidate",
        "email": "load@example.org",
        "candidate_reference": candidate_reference(),
    }
    if 'name="join_waiting_list" value="True"' in page.text:
        data["join_waiting_list"] = "True"  # the page offered the waiting list
    for _ in range(2 if twice else 1):
        response = visitor.post(path, data)
        tally.seen(response)
        if response.status == 302:
            tally.sent("pap_booking", tokens["form_token"])


def visit(base: str, evening_id: int, deadline: float, tally: Tally):
    visitor = SiteClient(base)
    while time.monotonic() < deadline:
        twice = random.random() < 0.1
        try:
            if random.random() < 0.5:
                send_feedback(visitor, tally, twice)
            else:
                book(visitor, tally, evening_id, twice)
        except Exception as exc:  # noqa: BLE001 - a refused or dropped connection is a failure too
            with tally.lock:
                tally.errors.append(f"{type(exc).__name__}: {exc}")


@pytest.mark.django_db(transaction=True)
def test_concurrent_submitters_and_bookers_get_no_errors_and_never_overbook(tmp_path):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite takes one writer at a time across processes; the load run needs PostgreSQL (CI has it)")
    evening = open_evening(capacity=CAPACITY)
    env = site_env(database_url_for_worker(), tmp_path, FORM_RATE_LIMIT="1000000")
    tally = Tally()
    with Gunicorn(env, tmp_path / "gunicorn.log", workers=3) as site:
        SiteClient(site.base).get("/feedback/")  # every worker has imported the site before the clock starts
        deadline = time.monotonic() + SECONDS
        with ThreadPoolExecutor(VISITORS) as pool:
            for _ in range(VISITORS):
                pool.submit(visit, site.base, evening.pk, deadline, tally)
        log = site.output()

    requests = sum(tally.statuses.values())
    latencies = sorted(tally.latencies)
    print(
        f"\n{requests} requests in {SECONDS}s, {dict(tally.statuses)}, "
        f"p50 {latencies[len(latencies) // 2]:.3f}s, p95 {latencies[int(len(latencies) * 0.95)]:.3f}s"
    )
    assert tally.errors == [], (tally.errors[:5], log[-3000:])
    assert not any(status >= 500 for status in tally.statuses)
    assert requests > 100, "the run was too small to say anything"

    confirmed = Booking.objects.filter(evening=evening, status=Booking.Status.CONFIRMED).count()
    assert confirmed == CAPACITY
    assert PreparationEvening.objects.get(pk=evening.pk).booked == CAPACITY

    feedback_tokens, booking_tokens = tally.tokens["feedback"], tally.tokens["pap_booking"]
    assert Feedback.objects.count() == len(feedback_tokens)
    assert Booking.objects.filter(evening=evening).count() == len(booking_tokens)
    for form_name, tokens in tally.tokens.items():
        submissions = FormSubmission.objects.filter(form_name=form_name)
        assert set(submissions.values_list("token", flat=True)) == tokens
    # Each feedback token made its own record (a booking's token keeps only "requested":
    # the booking count above shows one booking per token).
    feedback_results = FormSubmission.objects.filter(form_name="feedback").values_list("result", flat=True)
    assert len(set(feedback_results)) == len(feedback_tokens)

    assert Notification.objects.count() == len(feedback_tokens) + len(booking_tokens)
    assert not Notification.objects.exclude(state=Notification.State.SENT).exists()
