from django.urls import path

from .views import apply, pages, status

app_name = "iag"

urlpatterns = [
    path("", pages.index, name="index"),
    path("groups/", pages.groups, name="groups"),
    path("apply/", apply.start, name="apply"),
    path("apply/check-your-answers/", apply.CheckAnswersView.as_view(), name="apply_check"),
    path("apply/application-sent/", apply.done, name="apply_done"),
    path("apply/<slug:step>/", apply.StepView.as_view(), name="apply_step"),
    path("application/withdrawn/", status.withdrawn, name="withdrawn"),
    path("application/<str:token>/", status.status, name="status"),
    path("application/<str:token>/withdraw/", status.withdraw, name="withdraw"),
]
