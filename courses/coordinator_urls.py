"""A class's courses, under /dieu-phoi/lop/<id>/khoa-hoc/."""

from django.urls import path

from . import coordinator_views as views
from . import exam_views, results_views

app_name = "class_courses"

urlpatterns = [
    path("lop/<int:class_id>/khoa-hoc/", views.class_courses, name="list"),
    path(
        "lop/<int:class_id>/khoa-hoc/<int:course_id>/ghi-danh/",
        views.enrol,
        name="enrol",
    ),
    path(
        "lop/<int:class_id>/khoa-hoc/<int:course_id>/rut/",
        views.unenrol,
        name="unenrol",
    ),
    path(
        "lop/<int:class_id>/bai-kiem-tra/<int:quiz_id>/",
        views.quiz_window,
        name="quiz_window",
    ),
    path(
        "lop/<int:class_id>/bai-kiem-tra/<int:quiz_id>/bang-thi/",
        exam_views.exam_board,
        name="exam_board",
    ),
    path(
        "lop/<int:class_id>/bai-kiem-tra/<int:quiz_id>/lich/",
        exam_views.quiz_schedule,
        name="quiz_schedule",
    ),
    path(
        "lop/<int:class_id>/bai-kiem-tra/<int:quiz_id>/them-gio/",
        exam_views.extra_time,
        name="extra_time",
    ),
    path(
        "lop/<int:class_id>/bai-kiem-tra/<int:quiz_id>/ket-qua/",
        results_views.quiz_results,
        name="quiz_results",
    ),
]
