"""The Django side of the benchmark, one step per call, each in its own process:

    python -m benchmarks.steps <step> [argument] --out result.json

The runner (benchmarks/run.py) starts these with the benchmark database in
DATABASE_URL, so this process is configured exactly like the web server except
that it runs in development mode (it uses Django's test client for query counts).
"""

import argparse
import json
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path


def setup_db(_arg: str) -> dict:
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    out = StringIO()
    call_command("load_demo", stdout=out)
    user, _created = get_user_model().objects.get_or_create(
        username="bench.admin", defaults={"email": "bench.admin@example.org", "is_staff": True, "is_superuser": True}
    )
    user.set_unusable_password()
    user.save()
    return {"demo": out.getvalue().strip().splitlines()}


def grow(scale: str) -> dict:
    from benchmarks import data

    return data.grow(getattr(data, scale.upper()))


def context(_arg: str) -> dict:
    from benchmarks import data
    from benchmarks.forms import FORMS
    from benchmarks.pages import resolve

    ctx = data.context()
    ctx.update(_form_choices())
    forms = [{"name": f.name, "paths": f.paths(ctx), "body": _body(f.body, ctx), "success": f.success} for f in FORMS]
    return {"context": ctx, "pages": resolve(ctx), "forms": forms}


def _form_choices() -> dict:
    """Choices a form body names by id (benchmarks/forms.py: {ctx.<key>})."""
    from dispatch.models import Topic
    from force.models import District

    return {
        "district_pk": District.objects.order_by("pk").values_list("pk", flat=True).first(),
        "topic_pk": Topic.objects.order_by("pk").values_list("pk", flat=True).first(),
    }


def _body(body: str, ctx: dict) -> str:
    for key, value in ctx.items():
        body = body.replace("{ctx.%s}" % key, str(value))  # noqa: UP031 - braces are the template's own
    return body


def querycount(_arg: str) -> dict:
    from django.test import Client

    from benchmarks import data
    from benchmarks.pages import count_queries

    return count_queries(Client(), data.context())


def rows(_arg: str) -> dict:
    from benchmarks.forms import row_counts

    return row_counts()


def _sessions(datas: list[dict]) -> list[str]:
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    store = SessionStore()
    expires = timezone.now() + timedelta(days=1)
    sessions = [
        Session(session_key=secrets.token_hex(16), session_data=store.encode(d), expire_date=expires) for d in datas
    ]
    Session.objects.bulk_create(sessions, batch_size=2000)
    return [s.session_key for s in sessions]


def _drafts(datas: list[dict]) -> list[dict]:
    """Each {form name: answers} kept as a live FormDraft, as the form pages keep
    them; returns the session data that points to each one."""
    from django.utils import timezone

    from form_drafts.models import FormDraft
    from form_drafts.services import SESSION_KEY, max_age
    from personal_data.models import email_digest

    expires = timezone.now() + max_age()
    drafts = []
    for data in datas:
        ((form_name, answers),) = data.items()
        email = answers.get("email") or answers.get("your-details", {}).get("email", "")
        drafts.append(
            FormDraft(
                form_name=form_name, payload=json.dumps(answers), email_hash=email_digest(email), expires_at=expires
            )
        )
    FormDraft.objects.bulk_create(drafts, batch_size=500)
    return [{SESSION_KEY: {draft.form_name: str(draft.pk)}} for draft in drafts]


def _iag_answers(n: int, seed: str) -> list[dict]:
    """Answers as the question pages store them, each with its own email, so every
    submission is a new application (one open application per email per group)."""
    from iag.forms import STEP_FORMS
    from iag.models import AdvisoryGroup, Community
    from iag.views.journey import SESSION_KEY

    group = AdvisoryGroup.objects.open_to_applications().order_by("pk").first()
    community = Community.objects.filter(active=True).order_by("pk").first()
    given = {
        "your-details": {"full_name": "Sam Bench", "email": "x@example.org", "phone": "", "postcode": "CM2 6DA"},
        "groups": {"groups": [str(group.pk)]},
        "communities": {"communities": [str(community.pk)], "communities_detail": "I volunteer with them."},
        "why-join": {
            "why_join": "To help.",
            "experience": "Youth work.",
            "can_attend": "yes",
            "heard_about": "website",
        },
        "equality": {"age_band": "25_34"},
    }
    stored = {}
    for step, (form_class, _title) in STEP_FORMS.items():
        form = form_class(data=given[step])
        assert form.is_valid(), (step, form.errors)
        stored[step] = form.to_session()
    result = []
    for i in range(n):
        answers = {**stored, "your-details": {**stored["your-details"], "email": f"bench-{seed}-{i}@example.org"}}
        result.append({SESSION_KEY: answers})
    return result


def _pap_answers(n: int, seed: str) -> list[dict]:
    from positive_action.forms import SignupForm
    from positive_action.models import Role
    from positive_action.views.signup import SESSION_KEY

    role = Role.objects.filter(open_to_applicants=True).order_by("pk").first()
    letters = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(3))
    result = []
    for i in range(n):
        answers = {
            "name": "Sam Bench",
            "email": f"bench-{seed}-{i}@example.org",
            "phone": "07700900982",
            "candidate_reference": f"{letters}{i:06d}",
            "role": str(role.pk),
            "stage": "shortlisted",
            "district": "",
            "wants_buddy": "yes",
            "adjustments": "",
            "groups": [],
            "prefer_not_to_say": "",
            "consent": "on",
        }
        if i == 0:
            form = SignupForm(answers)
            assert form.is_valid(), form.errors
        result.append({SESSION_KEY: answers})
    return result


def pools(arg: str) -> dict:
    """Per-request values for the forms that need them, written one per line to files."""
    from django.urls import reverse

    from iag.models import Application
    from positive_action.models import Booking

    size, folder = arg.split(":", 1)
    size, seed = int(size), secrets.token_hex(3)
    values = {
        "iag": _sessions(_drafts(_iag_answers(size, seed))),
        "pap": _sessions(_drafts(_pap_answers(size, seed))),
        "withdraw": [
            reverse("iag:withdraw", args=[app.status_token])
            for app in Application.objects.open()
            .filter(email__startswith="bench-", anonymised_at__isnull=True)
            .exclude(status_key__isnull=True)
            .order_by("-pk")[:size]
        ],
        "cancel": [
            reverse("positive_action:booking_cancel", args=[booking.token])  # a private link, never stored
            for booking in Booking.objects.active().filter(email__startswith="bench-").order_by("-pk")[:size]
        ],
    }
    files = {}
    for kind, items in values.items():
        path = Path(folder) / f"pool-{kind}.txt"
        path.write_text("\n".join(items) + "\n")
        files[kind] = {"file": str(path), "size": len(items)}
    return files


def admin_session(_arg: str) -> dict:
    """A signed-in superuser's session, verified by an authenticator device when
    admin asks for one (ADMIN_REQUIRE_OTP), as after a real sign-in."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="bench.admin")
    data = {
        "_auth_user_id": str(user.pk),
        "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
        "_auth_user_hash": user.get_session_auth_hash(),
    }
    if "django_otp" in settings.INSTALLED_APPS:
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="Benchmark", confirmed=True
        )
        data[DEVICE_ID_SESSION_KEY] = device.persistent_id
    return {"sessionid": _sessions([data])[0]}


def drain_enqueue(arg: str) -> dict:
    """Publish `n` tasks: no-ops, or real outbox sends of freshly stored emails (one
    `notification_send` task per email, as the forms queue them), their rows marked
    with `kind` bench.drain.<name> so each measurement counts its own."""
    from django.utils import timezone

    from benchmarks.tasks import noop
    from outbox.models import Notification
    from outbox.tasks import notification_send

    kind, n = arg.split(":")
    n = int(n)
    ids = list(range(n))
    # The emails the form runs queued wait a year, so each drain sends exactly its own.
    Notification.objects.filter(state__in=["pending", "sending"]).exclude(kind=f"bench.drain.{kind}").update(
        state="pending", claimed_at=None, next_attempt_at=timezone.now() + timedelta(days=365)
    )
    if kind != "noop":
        body = "Thank you for applying to join an Independent Advisory Group.\n\n" * 12
        due = timezone.now() - timedelta(minutes=1)
        rows = Notification.objects.bulk_create(
            [
                Notification(
                    recipient=f"bench-drain-{i}@example.org",
                    subject="We have your application",
                    body_text=body,
                    body_html=f"<p>{body}</p>",
                    template="iag/email/acknowledgement",
                    kind=f"bench.drain.{kind}",
                    next_attempt_at=due,
                )
                for i in range(n)
            ],
            batch_size=2000,
        )
        ids = [row.pk for row in rows]
    task = noop if kind == "noop" else notification_send
    with task.app.producer_or_acquire() as producer:
        for pk in ids:
            task.apply_async((pk,), producer=producer)
    return {"enqueued": len(ids), "first_id": ids[0] if ids else None}


def drain_check(kind: str) -> dict:
    from outbox.models import Notification

    drained = Notification.objects.filter(kind=f"bench.drain.{kind}")
    return {"sent": drained.filter(state="sent").count(), "total": drained.count()}


def post_queries(_arg: str) -> dict:
    """SQL statements of one final "check your answers" POST of the IAG application
    and of the Positive Action sign-up, through Django's test client on this
    database, each from a session holding valid answers (as in the load run)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks.forms import FORMS

    seed = secrets.token_hex(3)
    sessions = {
        "iag": _sessions(_drafts(_iag_answers(1, seed)))[0],
        "pap": _sessions(_drafts(_pap_answers(1, seed)))[0],
    }
    counts = {}
    for form in FORMS:
        if form.pool not in sessions:
            continue
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[form.pool]
        body = form.body.replace("{TOKEN}", secrets.token_urlsafe(30))
        path = form.paths({})[0]
        with CaptureQueriesContext(connection) as captured:
            response = client.post(path, body, content_type="application/x-www-form-urlencoded")
        if response.status_code != 302 or not response.url.endswith(form.success):
            raise RuntimeError(
                f"{form.name}: answered {response.status_code} {response.get('Location')}, not {form.success}"
            )
        counts[form.name] = {
            "statements": len(captured.captured_queries),
            "sql": [query["sql"][:200] for query in captured.captured_queries],
        }
    return counts


def content_edit(slug: str) -> dict:
    """Save a network (a content row staff edit in admin), as an edit would, so
    whatever keeps the network's page is out of date."""
    from networks.models import Network

    network = Network.objects.get(slug=slug)
    network.save()
    return {"edited": network.pk}


STEPS = {
    "setup-db": setup_db,
    "grow": grow,
    "context": context,
    "querycount": querycount,
    "rows": rows,
    "pools": pools,
    "admin-session": admin_session,
    "drain-enqueue": drain_enqueue,
    "drain-check": drain_check,
    "post-queries": post_queries,
    "content-edit": content_edit,
}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("arg", nargs="?", default="")
    parser.add_argument("--out", required=True)
    options = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    import django

    django.setup()
    result = STEPS[options.step](options.arg)
    Path(options.out).write_text(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
