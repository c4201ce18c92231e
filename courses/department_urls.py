"""The department's exam schedule, under /nhan-su/lich-thi/."""

from django.urls import path

from . import exam_views

app_name = "exam_schedule"

urlpatterns = [
    path("", exam_views.department_schedule, name="schedule"),
]
