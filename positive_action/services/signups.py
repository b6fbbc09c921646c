from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import one_statement
from outbox.services import notification_queue, notifications_queue_many, unit_alert
from positive_action.models import Signup, SignupEqualityAnswers
from positive_action.models.signups import signup_reference

ALREADY_SIGNED_UP = (
    "This candidate reference has already been signed up to the programme. Nothing has been changed. "
    "If you need to update your details, contact us."
)


class AlreadySignedUp(ValidationError):
    """This candidate reference is already signed up; nothing was changed."""

    def __init__(self, candidate_reference: str):
        self.candidate_reference = candidate_reference
        super().__init__(ALREADY_SIGNED_UP, code="already_signed_up")


def signup_receive(**answers) -> str:
    """What the public form calls (with signup_create's arguments). Returns the
    reference to show the person.

    Being signed up says a candidate is in an under-represented group, so the
    page must not tell anyone whether a candidate reference is: when it is,
    nothing changes, the candidate it belongs to is told by email, and the
    reference shown looks like any other but belongs to nothing. Call inside a
    transaction."""
    try:
        return signup_create(**answers).reference
    except AlreadySignedUp as error:
        signup = Signup.objects.filter(candidate_reference=error.candidate_reference).first()
        if signup is not None:
            notification_queue(
                recipient=signup.email,
                template="positive_action/email/already_signed_up",
                context={"signup": signup},
                kind="positive_action.already_signed_up",
                about=signup,
            )
        return signup_reference()


def signup_create(
    *,
    candidate_reference: str,
    name: str,
    email: str,
    phone: str,
    role,
    stage: str,
    wants_buddy: bool,
    adjustments: str = "",
    district=None,
    groups=(),
    prefer_not_to_say: bool = False,
    consent: bool,
) -> Signup:
    """Sign a candidate up. One sign-up per candidate reference: a second one
    raises AlreadySignedUp (a ValidationError) and changes nothing. One that
    is refused by the unique key. As part of a caller's statement (one_statement)
    that IntegrityError is the caller's, which runs this again marked as after a
    conflict (protected_forms.protection.create_once does): then the reference
    is looked up first."""
    if not consent:
        raise ValidationError("Consent is needed to sign up to the programme.")
    if (
        one_statement.retrying_after_conflict()
        and Signup.objects.filter(candidate_reference=candidate_reference).exists()
    ):
        raise AlreadySignedUp(candidate_reference)
    signup = Signup(
        candidate_reference=candidate_reference,
        name=name,
        email=email,
        phone=phone,
        role=role,
        stage=stage,
        district=district,
        wants_buddy=wants_buddy,
        adjustments=adjustments,
        consented_at=timezone.now(),
    )
    # The fields' own checks, in Python; the unique keys, the foreign keys and
    # the constraints are the database's (full_clean would ask it one by one).
    signup.clean_fields(exclude={"role", "district"})
    try:
        with one_statement.one_statement():  # part of the caller's statement, or its own
            _signup_save(signup, groups=groups, prefer_not_to_say=prefer_not_to_say)
    except IntegrityError as exc:
        if transaction.get_connection().needs_rollback:
            raise  # the caller's transaction can take no more queries; it may run this again
        raise AlreadySignedUp(candidate_reference) from exc
    return signup


def _answers_copy(signup: Signup) -> list[tuple[str, str]]:
    """The answers for the person's own copy in the confirmation email. Never the
    groups they identify with or their adjustments (special category): the email
    only says those arrived."""
    return [
        (_("Name"), signup.name),
        (_("Email address"), signup.email),
        (_("Phone number"), signup.phone),
        (_("Candidate reference"), signup.candidate_reference),
        (_("Role applied for"), str(signup.role)),
        (_("Stage reached"), signup.get_stage_display()),
        (_("District"), str(signup.district) if signup.district else _("Not given")),
        (_("Would like a buddy"), _("Yes") if signup.wants_buddy else _("No")),
    ]


def _signup_save(signup: Signup, *, groups, prefer_not_to_say: bool) -> None:
    """Gives the rows to the surrounding `one_statement` block."""
    one_statement.pks_reserve(signup)  # the unit's alert links to it
    answers = SignupEqualityAnswers(signup=signup, prefer_not_to_say=prefer_not_to_say and not groups)
    if groups and not prefer_not_to_say:
        answers.groups.set(groups)  # kept encrypted on the row, saved with it
    one_statement.insert(signup, answers)
    notifications_queue_many(
        [
            dict(
                recipient=signup.email,
                template="positive_action/email/signup_received",
                context={
                    "signup": signup,
                    "answers": _answers_copy(signup),
                    "kept_apart": bool(signup.adjustments or groups or prefer_not_to_say),
                },
                kind="positive_action.signup",
                about=signup,
            ),
            unit_alert(
                template="positive_action/email/signup_alert",
                context={
                    "reference": signup.reference,
                    "admin_path": reverse("admin:positive_action_signup_change", args=[signup.pk]),
                    "wants_buddy": signup.wants_buddy,
                },
                kind="positive_action.signup_alert",
                about=signup,
            ),
        ]
    )
