"""Department administrator pages of the people room, under /nhan-su/."""

from django.urls import path

from . import admin_views as views

app_name = "people_admin"

urlpatterns = [
    path("", views.people, name="people"),
    path("nguoi/<int:user_id>/", views.person, name="person"),
    path("nguoi/<int:user_id>/bo-nhiem/", views.appoint_role, name="appoint"),
    path("nguoi/<int:user_id>/go-vai-tro/", views.remove_role, name="remove_role"),
    path("nguoi/<int:user_id>/chuyen/", views.move, name="move"),
    path("nhat-ky/", views.audit_log, name="audit"),
]
