from django.urls import path

from page_cache.decorators import cached_page

from .feeds import AdviceFeed
from .views import private, public

app_name = "iag_work"

feed = cached_page(AdviceFeed())

urlpatterns = [
    path("you-said-we-did/", public.advice_list, name="advice"),
    path("you-said-we-did/feed/", feed, name="advice_feed"),
    path("you-said-we-did/advice.csv", public.advice_csv, name="advice_csv"),
    path("groups/<slug:slug>/", public.group_page, name="group"),
    path("groups/<slug:slug>/feed/", feed, name="group_feed"),
    path("membership/<str:token>/", private.membership, name="membership"),
    path("membership/<str:token>/step-down/", private.step_down, name="step_down"),
    path("meetings/<str:token>/", private.invitation, name="invitation"),
    path("meetings/<str:token>/calendar.ics", private.calendar, name="invitation_calendar"),
]
