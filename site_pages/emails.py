"""The emails a member of the public can get from the site, for the "Emails we
send" page. Subjects are rendered from the emails' own templates, so the page
says what the emails really say."""

from email.utils import parseaddr

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

EXAMPLE_REFERENCE = "ABC-1234"

# (section, [(subject template, when it is sent, what it says)])
PUBLIC_EMAILS = [
    (
        _("Applying to join an advisory group"),
        [
            (
                "iag/email/acknowledgement",
                _("When you send an application"),
                _(
                    "Your reference, a copy of your answers and a private link to your application. "
                    "Your equality monitoring answers are not copied into it."
                ),
            ),
            (
                "iag/email/already_applied",
                _("If you apply again while an application is open"),
                _("That you have already applied, and how to get in touch."),
            ),
        ],
    ),
    (
        _("Signing up to the programme for recruitment candidates"),
        [
            (
                "positive_action/email/signup_received",
                _("When you sign up"),
                _(
                    "Your reference and a copy of your answers, apart from the groups you identify with and "
                    "any adjustments you asked for."
                ),
            ),
            (
                "positive_action/email/already_signed_up",
                _("If your candidate reference is already signed up"),
                _("That nothing was changed, and who to contact."),
            ),
            (
                "positive_action/email/buddy_intro_candidate",
                _("When we find you a buddy"),
                _("Your buddy's name and how to contact them."),
            ),
        ],
    ),
    (
        _("Booking a preparation evening"),
        [
            ("positive_action/email/booking_confirmed", _("When you book a place"), _("The evening's date and place.")),
            (
                "positive_action/email/waiting_list_joined",
                _("When you join a waiting list"),
                _("That you are waiting for a place."),
            ),
            ("positive_action/email/place_offered", _("When a place comes free"), _("How to take the place.")),
            ("positive_action/email/reminder", _("Before the evening"), _("The evening's date and place.")),
        ],
    ),
    (
        _("Saving your answers to come back later"),
        [
            (
                "form_drafts/email/resume",
                _("When you choose “Save and come back later”"),
                _("A link that opens your saved answers once, and the date it stops working. No answers."),
            ),
        ],
    ),
    (
        _("The e-newsletter"),
        [
            (
                "dispatch/email/confirm",
                _("When you sign up"),
                _("A link to confirm you want it."),
            ),
        ],
    ),
]


def sender() -> tuple[str, str]:
    """(display name, address) of the From line of every email."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)


def public_emails(force) -> list[dict]:
    context = {"force": force, "reference": EXAMPLE_REFERENCE, "site_url": settings.SITE_URL}
    return [
        {
            "title": title,
            "emails": [
                {
                    "subject": " ".join(render_to_string(f"{template}_subject.txt", context).split()),
                    "when": when,
                    "says": says,
                }
                for template, when, says in emails
            ],
        }
        for title, emails in PUBLIC_EMAILS
    ]
