from django.urls import path

from site_pages.views import health

urlpatterns = [path("healthz", health.health, name="health")]
