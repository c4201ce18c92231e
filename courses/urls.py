"""The learner's own URLs outside the page tree: My learning and its notices and
the quiz page's JSON endpoints under /hoc-tap-cua-toi/, and the offline sync."""

from django.urls import include, path

from . import focus_views, notice_views, quiz_views, views

app_name = "courses"

learner_urls = [
    path("", views.my_learning, name="my_learning"),
    path(
        "thong-bao/<int:notice_id>/an/",
        notice_views.dismiss_notice,
        name="dismiss_notice",
    ),
    # Quiz autosave, outside the page tree: see quiz_views.autosave.
    path("lan/<int:attempt_id>/luu/", quiz_views.autosave, name="autosave"),
    # Focus signals of an open attempt (sendBeacon): see focus_views.
    path(
        "lan/<int:attempt_id>/roi-trang/",
        focus_views.attempt_focus,
        name="attempt_focus",
    ),
]

urlpatterns = [
    path("hoc-tap-cua-toi/", include(learner_urls)),
    # Work queued offline, sent when the connection returns (courses:offline_sync).
    path("hoc/dong-bo/", include("courses.offline_urls")),
]
