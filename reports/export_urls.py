"""Exports of the statistics views, under /thong-ke/xuat/."""

from django.urls import path

from . import export_views

app_name = "reports_exports"

urlpatterns = [
    path("", export_views.start, name="start"),
    path("tep/", export_views.job_list, name="list"),
    path("tep/<int:job_id>/", export_views.job, name="job"),
    path("tep/<int:job_id>/tai-ve/", export_views.download, name="download"),
]
