"""What every public form shares: a honeypot, a one-time token and a rate limit.

- The honeypot is a field people never see; a bot that fills it in is told
  "thank you" and nothing is stored or sent.
- The one-time token makes a double click, a refresh or Back-and-resubmit land
  on the first submission's confirmation instead of creating a second record.
- The rate limit counts submissions per client in the shared cache (atomic
  increments in Redis), far above what a person filling in a form can reach.
"""

import logging
import secrets
from collections.abc import Callable

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext_lazy as _

from protected_forms.control_characters import PlainTextMixin
from protected_forms.models import FormSubmission

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website"
TOKEN_FIELD = "form_token"
TOKEN_MAX_LENGTH = 64


class ModelChoicesField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses an id too large for the database
    with its "invalid_pk_value" message. Django's `__in` lookup passes it on, and
    SQLite raises OverflowError (a 500) for an id beyond 64 bits."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        field = self.queryset.model._meta.pk if key == "pk" else self.queryset.model._meta.get_field(key)
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        if low is not None or high is not None:
            for pk in value if isinstance(value, list | tuple) else []:
                try:
                    number = int(str(pk).strip())
                except ValueError:
                    continue  # Django's own check gives the message
                if (low is not None and number < low) or (high is not None and number > high):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)


class ProtectedFormMixin(PlainTextMixin, forms.Form):
    """Adds the honeypot and the one-time token to a form, and refuses control
    characters in its answers."""

    text_checks_exempt = (HONEYPOT_FIELD, TOKEN_FIELD)

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault(TOKEN_FIELD, secrets.token_urlsafe(24))

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean(self):
        cleaned = super().clean()
        token = cleaned.get(TOKEN_FIELD, "")
        if not token or len(token) > TOKEN_MAX_LENGTH:
            # A real page always carries one. Issue a new one so the form can be sent again.
            self.data = self.data.copy()
            self.data[TOKEN_FIELD] = secrets.token_urlsafe(24)
            raise forms.ValidationError(_("This form had expired. Check your answers and send it again."))
        return cleaned


def honeypot_layout() -> list:
    """Layout items for the honeypot and the token, to splat into a crispy Layout."""
    from crispy_forms_gds.layout import Div, Field

    return [Div(Field.text(HONEYPOT_FIELD), css_class="form-trap", aria_hidden="true"), TOKEN_FIELD]


def previous_result(*, token: str, form_name: str) -> str | None:
    """The result (a reference) of an earlier submission with this token, if any."""
    if "\x00" in token:
        return None  # never issued by us, and PostgreSQL refuses NUL in a parameter
    return FormSubmission.objects.filter(token=token, form_name=form_name).values_list("result", flat=True).first()


def earlier_result(request, form_name: str) -> str | None:
    """The result of an earlier submission of the token this POST carries, if any."""
    token = request.POST.get(TOKEN_FIELD, "")
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None  # not one we issued
    return previous_result(token=token, form_name=form_name)


def submit_once(*, token: str, form_name: str, create: Callable[[], str]) -> str:
    """Run `create` (which saves the record and returns its reference) at most
    once per token. A second, even concurrent, submission gets the first one's
    reference back."""
    existing = previous_result(token=token, form_name=form_name)
    if existing is not None:
        return existing
    return create_once(token=token, form_name=form_name, create=create)


def create_once(*, token: str, form_name: str, create: Callable[[], str]) -> str:
    """`submit_once` for a caller that has just looked for an earlier submission
    of this token and found none: a concurrent one is still caught."""
    try:
        with transaction.atomic():
            # The token row is written first: a concurrent duplicate waits on the
            # unique index, then fails, and nothing of its own is saved.
            submission = FormSubmission.objects.create(token=token, form_name=form_name)
            result = create()
            submission.result = result
            submission.save(update_fields=["result"])
            return result
    except IntegrityError:
        existing = previous_result(token=token, form_name=form_name)
        if existing is None:
            raise
        return existing


def client_address(request) -> str:
    """The client's address. X-Forwarded-For is only believed for the number of
    proxies we know are in front of us, counted from the right, so a client
    cannot choose its own address by sending the header."""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) >= hops:
        return forwarded[-hops]
    return remote


def rate_limited(request, scope: str) -> bool:
    """Count one submission from this client to `scope`; True once over the limit.
    If the cache is down the limit is skipped rather than refusing a real person."""
    key = f"rate:{scope}:{client_address(request)}"
    window = settings.FORM_RATE_WINDOW_SECONDS
    try:
        cache.add(key, 0, timeout=window)
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    except Exception as exc:  # noqa: BLE001 - cache outage: fail open, log it
        logger.warning("Rate limit skipped, cache unavailable: %s", exc)
        return False
    return count > settings.FORM_RATE_LIMIT
