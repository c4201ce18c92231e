"""Open data at stable public addresses under /du-lieu-mo/ (documented in
docs/open-data.md: do not rename)."""

from django.urls import path

from . import views as open_data_views

app_name = "open_data"

urlpatterns = [
    path("", open_data_views.index, name="index"),
    path("hoan-thanh-khoa-hoc.csv", open_data_views.as_csv, name="csv"),
    path("hoan-thanh-khoa-hoc.json", open_data_views.as_json, name="json"),
]
