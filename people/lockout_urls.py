"""Coordinator pages for sign-in waits (people/lockout_views.py), under /dieu-phoi/."""

from django.urls import path

from . import lockout_views as views

urlpatterns = [
    path(
        "lop/<int:class_id>/dang-nhap-bi-cho/",
        views.sign_in_waits,
        name="sign_in_waits",
    ),
    path(
        "lop/<int:class_id>/dang-nhap-bi-cho/<int:user_id>/mo/",
        views.lift_sign_in_wait,
        name="lift_sign_in_wait",
    ),
]
