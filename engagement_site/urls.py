from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Diversity unit administration"
admin.site.site_title = "Diversity unit administration"
admin.site.index_title = "Manage the engagement site"

urlpatterns = [
    path("", include("site_pages.urls")),
    path("dispatch/", include("dispatch.urls")),
    path("independent-advisory-groups/", include("iag.urls")),
    path("independent-advisory-groups/", include("iag_work.urls")),
    path("positive-action/", include("positive_action.urls")),
    path("staff-networks/", include("networks.urls")),
    path("performance/", include("performance.urls")),
    path("saved-answers/", include("form_drafts.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "site_pages.views.errors.bad_request"
handler403 = "site_pages.views.errors.permission_denied"
handler404 = "site_pages.views.errors.page_not_found"
handler500 = "site_pages.views.errors.server_error"
