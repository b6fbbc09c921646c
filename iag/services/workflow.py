from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import private_links
from audit.models import actor_fields
from force.selectors import force_profile
from iag import hooks
from iag.models import Application, ApplicationChoice, ApplicationEvent, DecisionTemplate
from iag.models.applications import CLOSED_STATUSES, TRANSITIONS, Status
from outbox.services import notification_queue

from .applications import status_path


class TransitionError(Exception):
    pass


def application_event_record(*, application: Application, action: str, actor=None, note: str = "", **extra):
    event = ApplicationEvent(application=application, action=action, note=note, **actor_fields(actor), **extra)
    event.full_clean()
    event.save()
    return event


def application_note_add(*, application: Application, actor, note: str) -> ApplicationEvent:
    return application_event_record(
        application=application, action=ApplicationEvent.Action.NOTE, actor=actor, note=note.strip()
    )


@transaction.atomic
def application_transition(
    *, application: Application, to_status: str, actor=None, note: str = "", notify: bool = True
) -> Application:
    """Move an application to a new status if the workflow allows it, record who
    did it, and queue the decision email (if one is set up for that status)."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    from_status = locked.status
    if to_status not in TRANSITIONS.get(from_status, ()):
        raise TransitionError(
            _("An application that is “%(from)s” cannot be moved to “%(to)s”.")
            % {"from": Status(from_status).label, "to": Status(to_status).label if to_status in Status else to_status}
        )
    now = timezone.now()
    Application.objects.filter(pk=locked.pk).update(status=to_status, status_changed_at=now)
    if to_status in CLOSED_STATUSES:
        ApplicationChoice.objects.filter(application=locked).update(open_email=None)
    application_event_record(
        application=locked,
        action=ApplicationEvent.Action.STATUS,
        actor=actor,
        note=note.strip(),
        from_status=from_status,
        to_status=to_status,
    )
    locked.status, locked.status_changed_at = to_status, now
    application.status, application.status_changed_at = to_status, now
    if notify and locked.anonymised_at is None:
        decision_email_queue(application=locked)
    if to_status == Status.ACCEPTED:
        for hook in hooks.ON_ACCEPTED:
            hook(application=locked, actor=actor)
    return application


def decision_email_queue(*, application: Application):
    template = DecisionTemplate.objects.filter(status=application.status, active=True).first()
    if template is None:
        return None
    force = force_profile()
    extension = force.diversity_unit_extension
    phone = force.phone + (f" and ask for extension {extension}" if extension else "")
    subject, body = template.render(
        {
            "name": application.full_name,
            "reference": application.reference,
            "groups": " and ".join(group.name for group in application.groups.all()),
            "status_link": settings.SITE_URL + status_path(private_links.MARKER) if application.status_key else "",
            "force": force.name,
            "phone": phone,
            "unit": force.unit_name,
        }
    )
    return notification_queue(
        recipient=application.email,
        template="iag/email/decision",
        context={"subject": subject, "body": body},
        kind=f"iag.decision.{application.status}",
        about=application,
        private_link=private_links.IAG_STATUS.target(application) if application.status_key else None,
    )
