"""The offline sync endpoint, in the courses namespace (included by courses.urls)."""

from django.urls import path

from .offline_views import offline_sync_view

urlpatterns = [path("", offline_sync_view, name="offline_sync")]
