"""Item analysis pages in the Wagtail admin, under /admin/phan-tich-cau-hoi/
(registered by hooks.py)."""

from django.urls import path

from . import views

app_name = "reports_item_analysis"

urlpatterns = [
    path("", views.ItemAnalysisIndexView.as_view(), name="index"),
    path("<int:quiz_id>/", views.ItemAnalysisQuizView.as_view(), name="quiz"),
    path("nang-luc/", views.ItemAnalysisTagsView.as_view(), name="tags"),
]
