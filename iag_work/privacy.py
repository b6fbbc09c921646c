"""Subject access and erasure hooks for advisory group memberships (see personal_data.collector)."""

from django.db.models import Prefetch

from iag_work.models import Invitation, Membership
from iag_work.services.members import memberships_anonymise


def _memberships(email: str):
    return Membership.objects.filter(email__iexact=email, anonymised_at__isnull=True)


def subject_access(email: str) -> dict:
    if not email:
        return {"memberships": []}
    invitations = Invitation.objects.select_related("meeting__kind").order_by("meeting__starts_at")
    memberships = (
        _memberships(email)
        .select_related("group")
        .prefetch_related("communities", Prefetch("invitations", queryset=invitations))
    )
    return {
        "memberships": [
            {
                "group": m.group.name,
                "name": m.name,
                "email": m.email,
                "role": str(m.get_role_display()),
                "communities_spoken_for": [c.name for c in m.communities.all()],
                "name_may_be_public": m.name_public,
                "started_on": m.started_on,
                "term_ends_on": m.term_ends_on,
                "renewal_answer": m.renewal_answer,
                "ended_at": m.ended_at,
                "end_reason": str(m.get_end_reason_display()),
                "meetings": [
                    {
                        "meeting": f"{i.meeting.kind.name}, {i.meeting.starts_at:%Y-%m-%d}",
                        "reply": i.reply,
                        "attended": i.attended,
                    }
                    for i in m.invitations.all()
                ],
            }
            for m in memberships
        ]
    }


def subject_erase(email: str) -> int:
    if not email:
        return 0
    return memberships_anonymise(pks=list(_memberships(email).values_list("pk", flat=True)))
