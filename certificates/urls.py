from django.urls import path

from . import views
from .credentials import views as credential_views

app_name = "certificates"

urlpatterns = [
    path("xac-minh/", views.verify, name="verify"),
    path("xac-minh/chung-chi-so/", credential_views.check, name="verify_credential"),
    path(
        "danh-sach-thu-hoi/",
        credential_views.status_list_view,
        name="status_list",
    ),
    path(
        "tai-ve/<str:code>/chung-chi-so.json",
        credential_views.download,
        name="credential",
    ),
    path("xac-minh/<str:code>/", views.verify, name="verify_code"),
    path("tai-ve/<str:code>/", views.download, name="download"),
    path("lop/<int:class_id>/", views.class_certificates, name="class_certificates"),
    path("lop/<int:class_id>/zip/", views.class_archive_start, name="class_zip"),
    path(
        "lop/<int:class_id>/zip/<int:archive_id>/",
        views.class_archive,
        name="class_archive",
    ),
    path(
        "lop/<int:class_id>/zip/<int:archive_id>/tai-ve/",
        views.class_archive_download,
        name="class_archive_download",
    ),
    path("<int:pk>/cap-lai/", views.reissue, name="reissue"),
    path("<int:pk>/thu-hoi/", views.revoke, name="revoke"),
]
