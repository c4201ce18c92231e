"""Coordinator pages of the people room, under /dieu-phoi/."""

from django.urls import path

from . import coordinator_views as views
from .lockout_urls import urlpatterns as sign_in_wait_urls

app_name = "coordinator"

urlpatterns = [
    path("", views.home, name="home"),
    path("lop/<int:class_id>/", views.class_detail, name="class"),
    path("lop/<int:class_id>/them-hoc-sinh/", views.add_student, name="add_student"),
    path(
        "lop/<int:class_id>/hoc-sinh/<int:user_id>/", views.learner_page, name="student"
    ),
    path(
        "lop/<int:class_id>/xoa/<int:user_id>/",
        views.remove_student,
        name="remove_student",
    ),
    path(
        "lop/<int:class_id>/dat-lai-mat-khau/",
        views.reset_passwords,
        name="reset_passwords",
    ),
    path("nhap-danh-sach/", views.roster_upload, name="upload"),
    path("nhap-danh-sach/<int:import_id>/", views.roster_import, name="import"),
    path(
        "nhap-danh-sach/<int:import_id>/trang-thai/",
        views.roster_import_status,
        name="import_status",
    ),
    path(
        "nhap-danh-sach/<int:import_id>/xac-nhan/",
        views.roster_confirm,
        name="import_confirm",
    ),
    path(
        "nhap-danh-sach/<int:import_id>/dong-loi.csv",
        views.roster_error_rows,
        name="import_errors",
    ),
    path(
        "nhap-danh-sach/<int:import_id>/phieu-dang-nhap.pdf",
        views.roster_slips,
        name="import_slips",
    ),
]
urlpatterns += sign_in_wait_urls  # people/lockout_urls.py
