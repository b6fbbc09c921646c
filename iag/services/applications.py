from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import one_statement
import private_links
from iag.models import (
    AdvisoryGroup,
    Application,
    ApplicationChoice,
    ApplicationEvent,
    CanAttend,
    Community,
    EqualityMonitoring,
    HeardAbout,
)
from iag.models.applications import application_reference
from iag.models.monitoring import CHARACTERISTICS
from outbox.services import notification_queue, notifications_queue_many, unit_alert


class DuplicateApplicationError(Exception):
    """An application with the same email is already open for one of these groups.
    Never shown to the person: see application_receive."""

    def __init__(self, groups: list[str]):
        self.groups = groups
        super().__init__(f"Open application already held for {' and '.join(groups)}")


def open_duplicates(*, email: str, groups) -> list[str]:
    """Names of the chosen groups this email already has an open application for."""
    return list(
        ApplicationChoice.objects.filter(open_email=email.strip().lower(), group__in=groups)
        .order_by("group__display_order")
        .values_list("group__name", flat=True)
    )


def application_receive(*, email: str, groups: list[AdvisoryGroup], **answers) -> str:
    """What the public form calls. Returns the reference to show the person.

    The page must not tell anyone whether an address has already applied: for
    an address with an open application to one of these groups, nothing is
    saved, its owner is told by email, and the reference shown looks like any
    other but belongs to nothing. Call inside a transaction."""
    try:
        application, _token = application_submit(email=email, groups=groups, **answers)
    except DuplicateApplicationError:
        _already_applied_queue(email=email, groups=groups)
        return application_reference()
    return application.reference


def _already_applied_queue(*, email: str, groups: list[AdvisoryGroup]) -> None:
    choices = list(
        ApplicationChoice.objects.filter(open_email=email.strip().lower(), group__in=groups)
        .select_related("application", "group")
        .order_by("group__display_order")
    )
    if not choices:
        return
    open_groups = {choice.group_id for choice in choices}
    notification_queue(
        recipient=choices[0].application.email,
        template="iag/email/already_applied",
        context={
            "name": choices[0].application.full_name,
            "groups": " and ".join(choice.group.name for choice in choices),
            "other_groups": " and ".join(group.name for group in groups if group.pk not in open_groups),
        },
        kind="iag.already_applied",
        about=choices[0].application,
    )


def _answers_copy(application: Application, groups, communities) -> list[tuple[str, str]]:
    """The answers for the person's own copy in the acknowledgement email. Never the
    equality monitoring answers (special category): the email only says they arrived."""
    return [
        (_("Name"), application.full_name),
        (_("Email address"), application.email),
        (_("Phone number"), application.phone or _("Not given")),
        (_("Postcode"), application.postcode),
        (_("Groups"), ", ".join(group.name for group in groups)),
        (_("Communities and subjects"), ", ".join(str(community) for community in communities)),
        (_("How you could speak for them"), application.communities_detail),
        (_("Why you want to join"), application.why_join),
        (_("Experience"), application.experience),
        (_("Can attend quarterly meetings"), str(CanAttend(application.can_attend).label)),
        (_("How you heard about the groups"), str(HeardAbout(application.heard_about).label)),
    ]


def status_path(token: str) -> str:
    return reverse("iag:status", args=[token])


def application_submit(**answers) -> tuple[Application, str]:
    """Save an application, its equality monitoring answers (if any), and the two
    emails it triggers, all in one statement (part of the caller's, or its own).
    Returns the application and the private status-page token (arguments as
    `_application_save`).

    One open application per address per group is the partial unique index's to
    keep: a duplicate is refused by it. As part of a caller's statement that
    IntegrityError is the caller's, which runs this again marked as after a
    conflict (protected_forms.protection.create_once does): then the address's
    open applications are looked up first. On its own the statement is
    refused and DuplicateApplicationError raised."""
    email_key, groups = answers["email"].strip().lower(), answers["groups"]
    if one_statement.retrying_after_conflict():
        duplicates = open_duplicates(email=email_key, groups=groups)
        if duplicates:
            raise DuplicateApplicationError(duplicates)
    try:
        with one_statement.one_statement():
            return _application_save(**answers)
    except IntegrityError:
        if transaction.get_connection().needs_rollback:
            raise  # the caller's transaction can take no more queries
        duplicates = open_duplicates(email=email_key, groups=groups)
        if not duplicates:
            raise  # some other rule was broken
        raise DuplicateApplicationError(duplicates) from None


def _application_save(
    *,
    full_name: str,
    email: str,
    phone: str,
    postcode: str,
    groups: list[AdvisoryGroup],
    communities: list[Community],
    communities_detail: str,
    why_join: str,
    experience: str,
    can_attend: str,
    heard_about: str,
    monitoring: dict | None = None,
) -> tuple[Application, str]:
    """Gives the rows to the surrounding `one_statement` block; raises nothing of its own."""
    email_key = email.strip().lower()
    now = timezone.now()
    application = Application(
        full_name=full_name,
        email=email.strip(),
        phone=phone,
        postcode=postcode,
        communities_detail=communities_detail,
        why_join=why_join,
        experience=experience,
        can_attend=can_attend,
        heard_about=heard_about,
        consent_at=now,
        submitted_at=now,
        status_changed_at=now,
        status_key=private_links.link_key_new(),
    )
    # The fields' own checks, in Python; the unique keys and the status
    # constraint are the database's (full_clean would ask it one by one).
    application.clean_fields()
    one_statement.pks_reserve(application)  # the unit's alert links to it
    through = Application.communities.through
    rows = [
        application,
        *[ApplicationChoice(application=application, group=group, open_email=email_key) for group in groups],
        *[through(application=application, community=item) for item in communities],
    ]
    answers = {key: value for key, value in (monitoring or {}).items() if key in CHARACTERISTICS and value}
    if answers:
        record = EqualityMonitoring(application=application, **answers)  # encrypted as it is saved
        record.clean_fields(exclude={"application"})
        rows.append(record)
    rows.append(ApplicationEvent(application=application, action=ApplicationEvent.Action.SUBMITTED))
    one_statement.insert(*rows)
    group_names = " and ".join(group.name for group in groups)
    notifications_queue_many(
        [
            dict(
                recipient=application.email,
                template="iag/email/acknowledgement",
                context={
                    "name": application.full_name,
                    "reference": application.reference,
                    "groups": group_names,
                    "status_path": status_path(private_links.MARKER),
                    "answers": _answers_copy(application, groups, communities),
                    "monitoring_given": bool(answers),
                },
                kind="iag.acknowledgement",
                about=application,
                private_link=private_links.IAG_STATUS.target(application),
            ),
            unit_alert(
                template="iag/email/unit_alert",
                context={
                    "reference": application.reference,
                    "admin_path": reverse("admin:iag_application_change", args=[application.pk]),
                },
                kind="iag.new_application",
                about=application,
            ),
        ]
    )
    return application, application.status_token
