"""Open data at stable public addresses under /du-lieu-mo/ (documented in
docs/open-data.md: do not rename)."""

from django.urls import path

from . import views

app_name = "open_data"

urlpatterns = [
    path("", views.index, name="index"),
    path("hoan-thanh-khoa-hoc.csv", views.as_csv, name="csv"),
    path("hoan-thanh-khoa-hoc.json", views.as_json, name="json"),
]
