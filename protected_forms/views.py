from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from protected_forms.protection import TOKEN_FIELD, create_once, earlier_result, rate_limited


def too_many_requests(request):
    return render(request, "429.html", status=429)


class ProtectedSubmissionMixin:
    """The final POST of every public form, checked in one order:

    1. a rate limit per client: 429 once over it;
    2. the honeypot: a bot that fills it in sees success, nothing is stored;
    3. the one-time token: a double click, refresh or Back-and-resend lands on
       the first submission's confirmation (looked up only when 4 or 5 fail;
       otherwise the token's unique index in step 6 catches it);
    4. the answers given on earlier pages, for a form over several pages;
    5. the form itself: shown again with its errors;
    6. `create()` and the token, in one transaction, at most once per token; a
       ValidationError it raises is shown on the form and nothing is kept.

    Views set `form_name` and implement `create(form)` (saves the record and
    returns its reference), `submitted(reference)` (the confirmation),
    `form_invalid(form)` and `spam_response()`, then call `protected_post(form)`
    with the bound form."""

    form_name: str = ""
    # True once `create()` saves only through `one_statement`: then the record,
    # its emails and the token are one statement, with no transaction around it.
    saves_in_one_statement: bool = False
    http_method_names = ["get", "head", "post"]

    def protected_post(self, form):
        request = self.request
        if rate_limited(request, self.form_name):
            return too_many_requests(request)
        if form.is_spam:
            return self.spam_response()
        # The token is looked up only when the answers cannot be sent (a resend
        # after the answers were cleared, say); otherwise its unique index in
        # create_once() tells a resend apart, without a query of its own.
        problem = self.earlier_pages_problem()
        if problem is not None:
            return self.earlier_submission() or problem
        if not form.is_valid():
            return self.earlier_submission() or self.form_invalid(form)
        try:
            reference = create_once(
                token=form.cleaned_data[TOKEN_FIELD],
                form_name=self.form_name,
                create=lambda: self.create(form),
                other_writes=not self.saves_in_one_statement,
            )
        except ValidationError as error:
            # A resend can be refused where the first one was not (its place was
            # the last): it still lands on the first one's confirmation.
            earlier = self.earlier_submission()
            if earlier is not None:
                return earlier
            form.add_error(None, error)
            return self.form_invalid(form)
        return self.submitted(reference)

    def earlier_submission(self):
        """The confirmation of an earlier submission of this POST's token, or None."""
        earlier = earlier_result(self.request, self.form_name)
        return None if earlier is None else self.submitted(earlier)

    def earlier_pages_problem(self):
        """A response that sends the person back to an earlier page, or None."""
        return None

    def create(self, form) -> str:
        raise NotImplementedError

    def submitted(self, reference: str):
        raise NotImplementedError

    def spam_response(self):
        raise NotImplementedError


@method_decorator(never_cache, name="dispatch")
class ProtectedFormView(ProtectedSubmissionMixin, FormView):
    """A one-page public form with the site's shared protections, then
    Post/Redirect/Get to a confirmation that can be refreshed safely.

    Subclasses set `form_name`, `success_url_name` (or override
    `get_success_url()`) and implement `create()`, which saves the record and
    returns its reference."""

    success_url_name: str = ""
    # Whether the confirmation page shows the reference (kept in the session).
    # A form whose confirmation does not need it writes no session at all.
    reference_in_session: bool = False

    def post(self, request, *args, **kwargs):
        return self.protected_post(self.get_form())

    def get_success_url(self) -> str:
        return reverse(self.success_url_name)

    def submitted(self, reference: str):
        if self.reference_in_session:
            self.request.session[f"submitted:{self.form_name}"] = reference
        return redirect(self.get_success_url())

    def spam_response(self):
        return redirect(self.get_success_url())  # looks like success; nothing stored
