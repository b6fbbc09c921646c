from django.shortcuts import render
from django.views.decorators.http import require_safe


def _page(template: str):
    @require_safe
    def view(request):
        return render(request, template)

    return view


home = _page("engagement_site/home.html")
equality = _page("engagement_site/equality.html")
contact = _page("engagement_site/contact.html")
privacy = _page("engagement_site/privacy.html")
accessibility = _page("engagement_site/accessibility.html")
