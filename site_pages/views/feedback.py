from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from page_cache.decorators import cached_page
from protected_forms.views import ProtectedFormView
from site_pages.forms import FeedbackForm
from site_pages.services import feedback_create


@method_decorator(cached_page(query=("page",)), name="dispatch")
class FeedbackView(ProtectedFormView):
    template_name = "site_pages/feedback.html"
    form_class = FeedbackForm
    form_name = "feedback"
    success_url_name = "feedback_sent"
    saves_in_one_statement = True

    def get_initial(self):
        # Which page the person came from, so the unit knows what the feedback is about.
        return {"page": self.request.GET.get("page", "")[:200]}

    def create(self, form) -> str:
        data = form.cleaned_data
        return feedback_create(
            satisfaction=data["satisfaction"], comments=data["comments"], page=data["page"]
        ).reference


@cached_page
@never_cache
def feedback_sent(request):
    return render(request, "site_pages/feedback_sent.html")
