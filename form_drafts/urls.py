from django.urls import path

from form_drafts import views

app_name = "form_drafts"

urlpatterns = [
    path("saved/", views.saved, name="saved"),
    path("return/<str:token>/", views.resume, name="resume"),
]
