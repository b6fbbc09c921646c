"""Withdrawal, erasure on request and anonymisation after the retention period."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from iag import hooks
from iag.models import Application, ApplicationChoice, ApplicationEvent, EqualityMonitoring
from iag.models.applications import Status
from outbox.models import Notification

from .workflow import application_event_record, application_transition

ERASED = "[erased]"


def retention_days() -> int:
    return int(settings.IAG_RETENTION_DAYS)


def _scrub(application: Application, *, now) -> None:
    """Remove everything that identifies the person, everywhere it was copied."""
    Application.objects.filter(pk=application.pk).update(
        full_name=ERASED,
        email=f"erased-{application.pk}@invalid.example",
        phone="",
        postcode="",
        communities_detail="",
        why_join="",
        experience="",
        status_key=None,
        anonymised_at=now,
    )
    application.communities.clear()
    ApplicationChoice.objects.filter(application=application).update(open_email=None)
    EqualityMonitoring.objects.filter(application=application).delete()
    # Staff notes may name the person; the events themselves (who, when, what) stay.
    ApplicationEvent.objects.filter(application=application).exclude(note="").update(note=ERASED)
    # Emails to or about the person (their address and name are in them).
    Notification.objects.filter(
        about_type=ContentType.objects.get_for_model(Application), about_id=str(application.pk)
    ).delete()


@transaction.atomic
def application_erase(*, application: Application, actor=None, reason: str = "") -> Application:
    """Erase the person's data now (on their request, from admin or the status page).
    An open application is withdrawn first."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.anonymised_at:
        return application
    if application.is_open:
        application_transition(application=application, to_status=Status.WITHDRAWN, actor=actor, notify=False)
    now = timezone.now()
    _scrub(application, now=now)
    for hook in hooks.ON_ERASED:
        hook(application=application)
    application_event_record(application=application, action=ApplicationEvent.Action.ERASED, actor=actor, note=reason)
    application.refresh_from_db()
    return application


def application_withdraw(*, token: str) -> bool:
    """The applicant withdraws from their private status page: the application is
    withdrawn and their personal data erased. False if the link is not valid."""
    application = Application.objects.for_status_token(token).first()
    if application is None:
        return False
    application_erase(application=application, reason="withdrawn by the applicant")
    return True


def applications_anonymise_expired(*, now=None, limit: int = 1000) -> int:
    """Anonymise decided and withdrawn applications whose status last changed
    more than IAG_RETENTION_DAYS ago. Returns how many; safe to run again."""
    now = now or timezone.now()
    before = now - timedelta(days=retention_days())
    ids = list(Application.objects.due_for_anonymising(before=before).values_list("pk", flat=True)[:limit])
    for pk in ids:
        with transaction.atomic():
            application = Application.objects.select_for_update().filter(pk=pk, anonymised_at__isnull=True).first()
            if application is None:
                continue
            _scrub(application, now=now)
            application_event_record(application=application, action=ApplicationEvent.Action.ANONYMISED)
    return len(ids)
