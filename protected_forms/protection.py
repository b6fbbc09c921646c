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
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.utils.translation import gettext_lazy as _

import one_statement
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


def create_once(*, token: str, form_name: str, create: Callable[[], str], other_writes: bool = True) -> str:
    """Run `create` and keep the token with its result, all saved together, with
    no earlier look for the token: the token's unique index is the check.

    `create` saves through `one_statement` (insert, delete, pks_reserve), so the
    record, its emails and the token go in one statement; with `other_writes`
    it may also write through the ORM directly, and all of it is one transaction.

    A concurrent or repeated submission of the same token fails on that index
    (or first on a constraint of the record itself), nothing of it is kept, and
    it gets the first one's result. A conflict that no earlier submission of
    this token explains (two different tokens for the same person at once, say)
    is run once more, in a transaction and marked as `one_statement.after_conflict()`,
    where the service checks first, sees the committed row and answers as it
    always would."""
    try:
        return _create_and_keep(token=token, form_name=form_name, create=create, other_writes=other_writes)
    except one_statement.NeedsTransaction:
        return create_once(token=token, form_name=form_name, create=create, other_writes=True)
    except IntegrityError:
        existing = previous_result(token=token, form_name=form_name)
        if existing is not None:
            return existing
        logger.info("Conflict while saving %s; trying once more", form_name)
    try:
        with one_statement.after_conflict():  # rare: in a transaction, whatever the service writes
            return _create_and_keep(token=token, form_name=form_name, create=create, other_writes=True)
    except IntegrityError:
        existing = previous_result(token=token, form_name=form_name)
        if existing is None:
            raise
        return existing


def _create_and_keep(*, token: str, form_name: str, create: Callable[[], str], other_writes: bool) -> str:
    with one_statement.one_statement(with_other_writes=other_writes):
        result = create()
        one_statement.insert(FormSubmission(token=token, form_name=form_name, result=result))
    return result


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
    try:
        count = _count_one(key, settings.FORM_RATE_WINDOW_SECONDS)
    except Exception as exc:  # noqa: BLE001 - cache outage: fail open, log it
        logger.warning("Rate limit skipped, cache unavailable: %s", exc)
        return False
    return count > settings.FORM_RATE_LIMIT


def _count_one(key: str, window: int) -> int:
    """Add one to the counter at `key`, which starts at 0 and lasts `window`
    seconds from its first count. In Redis this is one round trip: SET NX with
    the expiry and INCR, sent together as one MULTI/EXEC, so it stays atomic."""
    cache = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(cache, RedisCache):
        redis_key = cache.make_and_validate_key(key)
        client = cache._cache.get_client(redis_key, write=True)  # the backend's own redis-py client
        with client.pipeline(transaction=True) as pipe:
            _created, count = pipe.set(redis_key, 0, ex=window, nx=True).incr(redis_key).execute()
        return int(count)
    try:  # other caches (in-process in development and tests)
        return cache.incr(key)
    except ValueError:  # no counter yet, or it expired
        if cache.add(key, 1, timeout=window):
            return 1
        return cache.incr(key)  # another request started it first
