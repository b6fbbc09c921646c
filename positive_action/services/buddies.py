"""Buddy assignment. A buddy's `assigned` count only changes through a
conditional UPDATE, so two staff assigning at once cannot pass their capacity."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from outbox.services import notification_queue
from positive_action.models import Buddy, BuddyAssignment, Signup


@transaction.atomic
def buddy_assign(*, signup: Signup, buddy: Buddy, by=None) -> BuddyAssignment:
    """Give the candidate this buddy, ending any current assignment (kept as history),
    and email both of them an introduction."""
    if not signup.wants_buddy:
        raise ValidationError("This candidate did not ask for a buddy.")
    current = BuddyAssignment.objects.select_for_update().filter(signup=signup, ended_at__isnull=True).first()
    if current and current.buddy_id == buddy.pk:
        raise ValidationError(f"{buddy} is already this candidate's buddy.")
    taken = Buddy.objects.filter(pk=buddy.pk, active=True, assigned__lt=F("capacity")).update(
        assigned=F("assigned") + 1
    )
    if not taken:
        raise ValidationError(f"{buddy} has no room for another candidate, or is not active. Choose another buddy.")
    if current:
        BuddyAssignment.objects.filter(pk=current.pk).update(ended_at=timezone.now())
        Buddy.objects.filter(pk=current.buddy_id, assigned__gt=0).update(assigned=F("assigned") - 1)
    assignment = BuddyAssignment(signup=signup, buddy=buddy, assigned_by=by)
    assignment.full_clean(validate_constraints=False)
    assignment.save()
    context = {"signup": signup, "buddy": buddy}
    for recipient, template in ((signup.email, "buddy_intro_candidate"), (buddy.email, "buddy_intro_buddy")):
        notification_queue(
            recipient=recipient,
            template=f"positive_action/email/{template}",
            context=context,
            kind=f"positive_action.{template}",
            about=assignment,
        )
    return assignment


@transaction.atomic
def buddy_assignment_end(*, assignment: BuddyAssignment) -> bool:
    ended = BuddyAssignment.objects.filter(pk=assignment.pk, ended_at__isnull=True).update(ended_at=timezone.now())
    if ended:
        Buddy.objects.filter(pk=assignment.buddy_id, assigned__gt=0).update(assigned=F("assigned") - 1)
    return bool(ended)
