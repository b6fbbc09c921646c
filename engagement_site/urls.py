from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Diversity unit administration"
admin.site.site_title = "Diversity unit administration"
admin.site.index_title = "Manage the engagement site"

# Public pages in the default language keep their plain URLs; another language, once it
# has a catalogue, lives under its prefix (/cy/...): the choice is in the URL, not a cookie.
urlpatterns = [
    # First, and in no language: load balancers ask for it many times a second.
    path("", include("site_pages.health_urls")),
    path("admin/", admin.site.urls),
    *i18n_patterns(
        path("", include("site_pages.urls")),
        path("dispatch/", include("dispatch.urls")),
        path("independent-advisory-groups/", include("iag.urls")),
        path("independent-advisory-groups/", include("iag_work.urls")),
        path("positive-action/", include("positive_action.urls")),
        path("staff-networks/", include("networks.urls")),
        path("performance/", include("performance.urls")),
        path("saved-answers/", include("form_drafts.urls")),
        prefix_default_language=False,
    ),
]

handler400 = "site_pages.views.errors.bad_request"
handler403 = "site_pages.views.errors.permission_denied"
handler404 = "site_pages.views.errors.page_not_found"
handler500 = "site_pages.views.errors.server_error"
