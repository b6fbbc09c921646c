from django.contrib import admin
from django.urls import include, path

from engagement_site.views import cookies, exit, feedback, health, pages

admin.site.site_header = "Diversity unit administration"
admin.site.site_title = "Diversity unit administration"
admin.site.index_title = "Manage the engagement site"

urlpatterns = [
    path("", pages.home, name="home"),
    path("equality-and-diversity/", pages.equality, name="equality"),
    path("contact-the-diversity-unit/", pages.contact, name="contact"),
    path("privacy/", pages.privacy, name="privacy"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("cookies/", cookies.cookies, name="cookies"),
    path("cookies/hide-message/", cookies.cookie_banner_hide, name="cookie_banner_hide"),
    path("feedback/", feedback.FeedbackView.as_view(), name="feedback"),
    path("feedback/sent/", feedback.feedback_sent, name="feedback_sent"),
    path("leave/", exit.leave, name="leave"),
    path("healthz", health.health, name="health"),
    path("dispatch/", include("engagement_site.dispatch.urls")),
    path("independent-advisory-groups/", include("iag.urls")),
    path("positive-action/", include("positive_action.urls")),
    path("staff-networks/", include("networks.urls")),
    path("performance/", include("performance.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "engagement_site.views.errors.bad_request"
handler403 = "engagement_site.views.errors.permission_denied"
handler404 = "engagement_site.views.errors.page_not_found"
handler500 = "engagement_site.views.errors.server_error"
