from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("xac-minh/", views.verify, name="verify"),
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
