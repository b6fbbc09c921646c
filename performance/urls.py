from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("", views.index, name="index"),
    # In a folder of their own, so that no table's name can take their address.
    path("download/all-figures.csv", views.report_csv, name="report_csv"),
    path("download/all-figures.csv-metadata.json", views.report_csvw, name="report_csvw"),
    path("download/all-figures.ods", views.report_ods, name="report_ods"),
    path("<slug:slug>.csv", views.table_csv, name="table_csv"),
    path("<slug:slug>.json", views.table_json, name="table_json"),
    path("<slug:slug>/", views.section, name="section"),
]
