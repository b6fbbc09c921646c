from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>.csv", views.table_csv, name="table_csv"),
    path("<slug:slug>.json", views.table_json, name="table_json"),
    path("<slug:slug>/", views.section, name="section"),
]
