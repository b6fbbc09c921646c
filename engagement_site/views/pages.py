from django.shortcuts import render
from django.views.decorators.http import require_safe

from engagement_site.models import EqualityObjective


def _page(template: str):
    @require_safe
    def view(request):
        return render(request, template)

    return view


home = _page("engagement_site/home.html")


@require_safe
def equality(request):
    objectives = list(EqualityObjective.objects.all())
    return render(request, "engagement_site/equality.html", {"objectives": objectives})


contact = _page("engagement_site/contact.html")
privacy = _page("engagement_site/privacy.html")
accessibility = _page("engagement_site/accessibility.html")
