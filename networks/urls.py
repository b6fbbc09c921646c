from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/logo/", views.logo, name="logo"),
    path("<slug:slug>/contact/", views.NetworkContactView.as_view(), name="contact"),
    path("<slug:slug>/contact/sent/", views.contact_sent, name="contact_sent"),
]
