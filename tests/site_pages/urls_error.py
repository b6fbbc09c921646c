from django.urls import path

from engagement_site.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("forced failure for the 500 page test")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
handler500 = "site_pages.views.errors.server_error"
