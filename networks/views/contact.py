from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from networks.forms import NetworkContactForm
from networks.models import Network
from networks.services import network_message_send
from page_cache.decorators import cached_page
from protected_forms.views import ProtectedFormView

FORM_NAME = "network_contact"


def _network_taking_messages(slug: str) -> Network:
    network = get_object_or_404(Network.objects.published().select_related("category"), slug=slug)
    if not network.has_contact_form:
        raise Http404
    return network


@method_decorator(cached_page, name="dispatch")
class NetworkContactView(ProtectedFormView):
    template_name = "networks/contact.html"
    form_class = NetworkContactForm
    form_name = FORM_NAME
    saves_in_one_statement = True
    reference_in_session = True  # the confirmation shows it

    def dispatch(self, request, *args, **kwargs):
        self.network = _network_taking_messages(kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self) -> str:
        return reverse("networks:contact_sent", args=[self.network.slug])

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.network, **kwargs)

    def create(self, form) -> str:
        data = form.cleaned_data
        return network_message_send(
            network=self.network, name=data["name"], email=data["email"], message=data["message"]
        ).reference


# Kept only for visitors without a session, who have no reference to see.
@cached_page
@never_cache
def contact_sent(request, slug):
    network = _network_taking_messages(slug)
    reference = request.session.get(f"submitted:{FORM_NAME}")
    return render(request, "networks/contact_sent.html", {"network": network, "reference": reference})
