"""Subject access and erasure hooks for the advisory groups (see personal_data.collector)."""

from django.db.models import Prefetch

from iag.models import Application, ApplicationEvent
from iag.models.monitoring import CHARACTERISTICS
from iag.services import application_erase, application_event_record

SPECIAL = "iag.view_special_category"
# Read by the subject access page to say what an export leaves out.
SPECIAL_CATEGORY = (SPECIAL, "equality monitoring answers on advisory group applications")
WITHHELD = "Not included: the member of staff who made this export may not see equality monitoring answers."


def _applications(email: str):
    return Application.objects.filter(email__iexact=email, anonymised_at__isnull=True)


def _monitoring(application: Application) -> dict:
    record = getattr(application, "monitoring", None)
    if record is None:
        return {}
    answers = {}
    for field, (question, choices) in CHARACTERISTICS.items():
        value = getattr(record, field)
        if value:
            answers[str(question)] = str(choices(value).label)
    return answers


def may_see_special_category(actor) -> bool:
    """Equality monitoring answers go into an export only for staff who may see
    them (an export made by code, with no member of staff, includes them)."""
    return actor is None or actor.has_perm(SPECIAL)


def subject_access(email: str, *, actor=None) -> dict:
    """Every application made with this address, with its groups, its equality
    monitoring answers (the person's own data, for staff allowed to see them)
    and its history."""
    if not email:
        return {"applications": []}
    applications = (
        _applications(email)
        .select_related("monitoring")
        .prefetch_related(
            "groups",
            "communities",
            Prefetch("events", queryset=ApplicationEvent.objects.order_by("created_at", "id")),
        )
    )
    special = may_see_special_category(actor)
    found = []
    for app in applications:
        found.append(
            {
                "reference": app.reference,
                "status": str(app.get_status_display()),
                "submitted_at": app.submitted_at,
                "status_changed_at": app.status_changed_at,
                "name": app.full_name,
                "email": app.email,
                "phone": app.phone,
                "postcode": app.postcode,
                "groups": [group.name for group in app.groups.all()],
                "communities_and_subjects": [community.name for community in app.communities.all()],
                "how_they_can_speak_for_them": app.communities_detail,
                "why_they_want_to_join": app.why_join,
                "experience": app.experience,
                "can_attend_quarterly_meetings": str(app.get_can_attend_display()),
                "heard_about_it_from": str(app.get_heard_about_display()),
                "agreed_to_privacy_notice_at": app.consent_at,
                "equality_monitoring": _monitoring(app) if special else WITHHELD,
                "history": [
                    {
                        "when": event.created_at,
                        "what": str(event.get_action_display()),
                        "from_status": event.from_status,
                        "to_status": event.to_status,
                        "note": event.note,
                    }
                    for event in app.events.all()
                ],
            }
        )
    for app in applications:
        application_event_record(
            application=app,
            action=ApplicationEvent.Action.EXPORTED,
            actor=actor,
            note="Subject access export, " + ("with" if special else "without") + " equality monitoring answers",
        )
    return {"applications": found}


def subject_erase(email: str, *, actor=None) -> int:
    """Withdraw (if open) and erase every application made with this address."""
    if not email:
        return 0
    count = 0
    for application in _applications(email):
        application_erase(application=application, actor=actor, reason="erased on a personal-data request")
        count += 1
    return count
