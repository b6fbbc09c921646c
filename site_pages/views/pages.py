from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from force.models import EqualityObjective, UnitResponsibility
from page_cache.decorators import cached_page


def _page(template: str):
    @cached_page
    @require_safe
    def view(request):
        return render(request, template)

    return view


home = _page("site_pages/home.html")


@cached_page
@require_safe
def equality(request):
    context = {
        "objectives": list(EqualityObjective.objects.all()),
        "responsibilities": list(UnitResponsibility.objects.all()),
    }
    return render(request, "site_pages/equality.html", context)


contact = _page("site_pages/contact.html")


@cached_page
@require_safe
def privacy(request):
    return render(request, "site_pages/privacy.html", {"resume_days": settings.FORM_DRAFT_RESUME_DAYS})


accessibility = _page("site_pages/accessibility.html")
