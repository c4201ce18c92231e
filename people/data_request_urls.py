"""Staff pages of personal data requests, under /yeu-cau-du-lieu/."""

from django.urls import path

from . import data_request_views as views

app_name = "data_requests"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("hoc-vien/<int:user_id>/", views.file_for_guardian, name="file"),
    path("<int:request_id>/", views.detail, name="detail"),
    path("<int:request_id>/xu-ly/", views.handle, name="handle"),
    path("<int:request_id>/ban-sao/", views.subject_copy, name="copy"),
    path("<int:request_id>/ban-sao.json", views.subject_copy_json, name="copy_json"),
]
