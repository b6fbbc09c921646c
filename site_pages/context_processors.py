from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from force.selectors import force_profile
from site_pages.consent import banner_needed

NAVIGATION = [
    ("equality", _("Equality and diversity"), "equality"),
    ("iag:index", _("Advisory groups"), "iag"),
    ("positive_action:index", _("Positive action"), "positive_action"),
    ("networks:index", _("Staff networks"), "networks"),
    ("performance:index", _("Performance figures"), "performance"),
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
        "section": current,  # what the navigation marks as current: the kept header varies on it
        "show_cookie_banner": banner_needed(request),
        "quick_exit_path": "/leave/",
        "diversity_unit_email": settings.DIVERSITY_UNIT_EMAIL,
        "other_languages": other_languages(request),
    }


def other_languages(request) -> list[dict]:
    """This page in each other language that has a catalogue (none until one is compiled)."""
    current = get_language()
    return [
        {"code": code, "name": name, "url": translate_url(request.path, code)}
        for code, name in settings.LANGUAGES
        if code != current
    ]
