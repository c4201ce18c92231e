"""Class progress for coordinators, under /dieu-phoi/lop/<id>/tien-do/."""

from django.urls import path

from . import views

app_name = "class_progress"

urlpatterns = [
    path("lop/<int:class_id>/tien-do/", views.progress, name="progress"),
    path(
        "lop/<int:class_id>/tien-do.csv",
        views.progress,
        {"export": "csv"},
        name="progress_csv",
    ),
    path(
        "lop/<int:class_id>/tien-do.xlsx",
        views.progress,
        {"export": "xlsx"},
        name="progress_xlsx",
    ),
]
