"""Stragglers and reminders, under /thong-ke/hoc-vien-cham/."""

from django.urls import path

from . import views

app_name = "stragglers"

urlpatterns = [
    path("", views.straggler_list, name="list"),
    path("nhac/", views.remind, name="remind"),
    path("nhac/<int:job_id>/", views.job, name="job"),
    path("ban-tin-tuan/", views.digest, name="digest"),
]
