"""Memberships: made when an application is accepted, renewed, ended."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

import private_links
from iag.models import Application
from iag_work.models import EndReason, Invitation, Meeting, Membership, Reply
from outbox.models import Notification
from outbox.services import notification_queue, unit_alert_queue
from page_cache.invalidation import bump as page_cache_bump

EMAIL = "iag_work/email/"


def term_days() -> timedelta:
    return timedelta(days=settings.IAG_MEMBERSHIP_TERM_DAYS)


def membership_notify(*, membership: Membership, template: str) -> None:
    notification_queue(
        recipient=membership.email,
        template=EMAIL + template,
        # The outbox fills in the real token as it sends (private_links).
        context={"membership": membership, "link_token": private_links.MARKER},
        kind=f"iag_work.{template}",
        about=membership,
        private_link=private_links.IAG_MEMBERSHIP.target(membership),
    )


def memberships_create_from_application(*, application: Application, actor=None) -> list[Membership]:
    """A membership of each group the application chose, with the name, email and
    communities only: nothing else from the form, never the equality monitoring
    answers. Runs inside the transaction that accepts (iag's ON_ACCEPTED hook)."""
    today = timezone.localdate()
    made = []
    for group in application.groups.all():
        membership, created = Membership.objects.get_or_create(
            group=group,
            application=application,
            defaults={
                "name": application.full_name,
                "email": application.email,
                "started_on": today,
                "term_ends_on": today + term_days(),
            },
        )
        if created:
            membership.communities.set(application.communities.all())
            membership_notify(membership=membership, template="welcome")
            made.append(membership)
    return made


def _places_give_back(*, membership_ids: list[int]) -> int:
    """A member who leaves frees the places they said yes to at meetings still to come."""
    upcoming = Invitation.objects.select_for_update().filter(
        membership_id__in=membership_ids, reply=Reply.YES, meeting__starts_at__gt=timezone.now()
    )
    given_back = 0
    for invitation in upcoming:
        Meeting.objects.filter(pk=invitation.meeting_id, coming__gt=0).update(coming=F("coming") - 1)
        given_back += 1
    upcoming.update(reply=Reply.NO)
    return given_back


@transaction.atomic
def membership_end(*, membership: Membership, reason: str, note: str = "") -> bool:
    """End a current membership. Returns False if it had already ended."""
    now = timezone.now()
    ended = Membership.objects.filter(pk=membership.pk, ended_at__isnull=True).update(
        ended_at=now, end_reason=reason, end_note=note[:500]
    )
    if ended:
        membership.ended_at, membership.end_reason, membership.end_note = now, reason, note[:500]
        _places_give_back(membership_ids=[membership.pk])
        if reason == EndReason.STEPPED_DOWN:
            membership_notify(membership=membership, template="stepped_down")
            unit_alert_queue(
                template=EMAIL + "unit_member_left",
                context={
                    "group": membership.group.name,
                    "admin_path": reverse("admin:iag_work_membership_change", args=[membership.pk]),
                },
                kind="iag_work.unit_member_left",
                about=membership,
            )
        if membership.name_public:  # the name leaves the group's page now, not at the cache's max age
            transaction.on_commit(page_cache_bump)
    return bool(ended)


def membership_renewal_answer(*, membership: Membership, renew: bool) -> None:
    Membership.objects.filter(pk=membership.pk, ended_at__isnull=True).update(renewal_answer="yes" if renew else "no")


def memberships_renew(*, memberships) -> int:
    """Staff renew: another term from the end of the current one."""
    count = 0
    for membership in memberships:
        if membership.ended_at is None:
            Membership.objects.filter(pk=membership.pk).update(
                term_ends_on=membership.term_ends_on + term_days(), renewal_answer=""
            )
            count += 1
    return count


def renewal_requests_send(*, today=None) -> int:
    """Ask each current member whose term ends within the notice period whether
    to renew. A member is claimed by recording the term end the email is about,
    with a conditional UPDATE, so each is asked once per term however often
    (or however many workers) this runs."""
    today = today or timezone.localdate()
    due = Membership.objects.due_for_renewal(today=today, notice_days=settings.IAG_RENEWAL_NOTICE_DAYS).filter(
        anonymised_at__isnull=True
    )
    count = 0
    for pk, term_ends_on in due.values_list("pk", "term_ends_on"):
        with transaction.atomic():
            claimed = (
                Membership.objects.filter(pk=pk, ended_at__isnull=True, term_ends_on=term_ends_on)
                .exclude(renewal_asked_for=term_ends_on)
                .update(renewal_asked_for=term_ends_on)
            )
            if claimed:
                membership_notify(membership=Membership.objects.select_related("group").get(pk=pk), template="renewal")
                count += 1
    return count


ERASED = "[anonymised]"


@transaction.atomic
def memberships_anonymise(*, pks: list[int], now=None) -> int:
    """Remove the person from these memberships (ending any still current): name, email, communities, note
    and the link to their application go; their attendance rows stay, no longer
    saying whose they were. A fresh key each, so links already sent stop working."""
    now = now or timezone.now()
    _places_give_back(membership_ids=pks)
    Membership.objects.filter(pk__in=pks, ended_at__isnull=True).update(ended_at=now, end_reason=EndReason.ERASED)
    # Emails to the person (their address and name are in them), as for their application.
    invitation_ids = [str(pk) for pk in Invitation.objects.filter(membership_id__in=pks).values_list("pk", flat=True)]
    for model, ids in ((Membership, [str(pk) for pk in pks]), (Invitation, invitation_ids)):
        Notification.objects.filter(about_type=ContentType.objects.get_for_model(model), about_id__in=ids).delete()
    Invitation.objects.filter(membership_id__in=pks).update(membership=None)
    Membership.communities.through.objects.filter(membership_id__in=pks).delete()
    for pk in pks:
        Membership.objects.filter(pk=pk).update(
            name=ERASED,
            email="",
            end_note="",
            application=None,
            name_public=False,
            renewal_answer="",
            link_key=private_links.link_key_new(),
            anonymised_at=now,
        )
    if pks:
        transaction.on_commit(page_cache_bump)  # updates send no signal to the page cache
    return len(pks)


def memberships_erase_for_application(*, application: Application) -> int:
    """The application was erased (withdrawn from its status page or on request):
    so are the memberships made from it (iag's ON_ERASED hook)."""
    pks = list(application.memberships.filter(anonymised_at__isnull=True).values_list("pk", flat=True))
    return memberships_anonymise(pks=pks) if pks else 0
