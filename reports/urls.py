"""Statistics for department viewers and coordinators, under /thong-ke/."""

from django.urls import path

from . import target_views, views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("don-vi/<int:unit_id>/", views.dashboard, name="unit"),
    path("lop/<int:class_id>/", views.dashboard, name="class"),
    path("chi-tieu/", target_views.targets, name="targets"),
]
