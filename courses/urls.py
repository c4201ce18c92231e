"""The learner's own URLs outside the page tree, mounted at the site root
(config/urls.py): My learning and its notices, the quiz page's JSON endpoints and
the offline sync."""

from django.urls import path

from . import focus_views, notice_views, offline_views, quiz_views, views

app_name = "courses"

urlpatterns = [
    path("hoc-tap-cua-toi/", views.my_learning, name="my_learning"),
    path(
        "hoc-tap-cua-toi/thong-bao/<int:notice_id>/an/",
        notice_views.dismiss_notice,
        name="dismiss_notice",
    ),
    # Quiz autosave, outside the page tree: see quiz_views.autosave.
    path(
        "hoc-tap-cua-toi/lan/<int:attempt_id>/luu/",
        quiz_views.autosave,
        name="autosave",
    ),
    # Focus signals of an open attempt (sendBeacon): see focus_views.
    path(
        "hoc-tap-cua-toi/lan/<int:attempt_id>/roi-trang/",
        focus_views.attempt_focus,
        name="attempt_focus",
    ),
    # Work queued offline, sent when the connection returns: see offline_sync.
    path("hoc/dong-bo/", offline_views.offline_sync_view, name="offline_sync"),
]
