"""The targets page, in the dashboard's "reports" namespace (dashboard/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("chi-tieu/", views.targets, name="targets"),
]
