"""Exports of the statistics views, under /thong-ke/xuat/."""

from django.urls import path

from . import views

app_name = "reports_exports"

urlpatterns = [
    path("bang-so-lieu/", views.table, name="table"),
    # the learner list with personal data (restricted and logged)
    path("danh-sach-hoc-vien/", views.start, name="start"),
    path("tep/", views.job_list, name="list"),
    path("tep/<int:job_id>/", views.job, name="job"),
    path("tep/<int:job_id>/tai-ve/", views.download, name="download"),
]
