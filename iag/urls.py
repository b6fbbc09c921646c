from django.urls import path

from . import views

app_name = "iag"

urlpatterns = [
    path("", views.index, name="index"),
]
