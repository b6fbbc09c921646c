from django.urls import path

from . import views

app_name = "positive_action"

urlpatterns = [
    path("", views.index, name="index"),
]
