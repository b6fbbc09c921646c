from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from protected_forms.protection import TOKEN_FIELD, rate_limited, submit_once


def too_many_requests(request):
    return render(request, "429.html", status=429)


@method_decorator(never_cache, name="dispatch")
class ProtectedFormView(FormView):
    """A one-page public form with the site's shared protections: a rate limit
    per client, a quiet honeypot, one record per submission, then
    Post/Redirect/Get to a confirmation that can be refreshed safely.

    Subclasses set `form_name`, `success_url_name` (or override
    `get_success_url()`) and implement `create()`, which saves the record and
    returns its reference."""

    form_name: str = ""
    success_url_name: str = ""

    def post(self, request, *args, **kwargs):
        if rate_limited(request, self.form_name):
            return too_many_requests(request)
        form = self.get_form()
        if form.is_spam:
            return redirect(self.get_success_url())  # looks like success; nothing stored
        if not form.is_valid():
            return self.form_invalid(form)
        reference = submit_once(
            token=form.cleaned_data[TOKEN_FIELD], form_name=self.form_name, create=lambda: self.create(form)
        )
        request.session[f"submitted:{self.form_name}"] = reference
        return redirect(self.get_success_url())

    def get_success_url(self) -> str:
        return reverse(self.success_url_name)

    def create(self, form) -> str:
        raise NotImplementedError
