"""The programmes page, in the dashboard's "reports" namespace (dashboard/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("chuong-trinh/", views.programmes, name="programmes"),
]
