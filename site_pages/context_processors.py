from django.conf import settings

from force.selectors import force_profile
from site_pages.consent import banner_needed

NAVIGATION = [
    ("equality", "Equality and diversity", "equality"),
    ("iag:index", "Advisory groups", "iag"),
    ("positive_action:index", "Positive action", "positive_action"),
    ("networks:index", "Staff networks", "networks"),
    ("performance:index", "Performance figures", "performance"),
]


def site(request):
    """What every page's layout needs: the force, navigation, banners."""
    match = getattr(request, "resolver_match", None)
    current = match.namespace or match.url_name if match else ""
    return {
        "force": force_profile(),
        "navigation": [
            {"url_name": url_name, "label": label, "current": current == key} for url_name, label, key in NAVIGATION
        ],
        "show_cookie_banner": banner_needed(request),
        "quick_exit_path": "/leave/",
        "diversity_unit_email": settings.DIVERSITY_UNIT_EMAIL,
    }
