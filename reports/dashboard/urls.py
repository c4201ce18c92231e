"""Statistics for department viewers and coordinators, under /thong-ke/."""

from django.urls import include, path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("don-vi/<int:unit_id>/", views.dashboard, name="unit"),
    path("lop/<int:class_id>/", views.dashboard, name="class"),
    path("", include("reports.targets.urls")),
    path("", include("reports.programmes.urls")),
]
