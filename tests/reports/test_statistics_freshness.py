"""The "figures as of" time is true: a summary older than its period (beat late or
missing) queues one rebuild, however many visits, and the page says so."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from reports.dashboard import rollup
from reports.models import SummaryState

pytestmark = pytest.mark.django_db

UPDATING = "Số liệu đang được cập nhật…"


def test_an_old_summary_is_shown_dated_and_queues_one_rebuild(
    client, stats, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_REFRESH_SECONDS = 600
    rollup.refresh()
    old = timezone.now() - timedelta(minutes=11)
    SummaryState.objects.update(refreshed_at=old)
    cache.clear()
    client.force_login(stats.viewer)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.get(reverse("reports:dashboard"))
    assert response.context["as_of"] == old  # the summary's own time, not now
    assert response.context["refreshing"] is True
    assert UPDATING in response.content.decode()
    assert len(callbacks) == 1  # the rebuild

    # More visits before the rebuild ran: nothing more is queued.
    for _ in range(3):
        with django_capture_on_commit_callbacks() as callbacks:
            response = client.get(reverse("reports:dashboard"))
        assert UPDATING in response.content.decode()
        assert callbacks == []

    # Once rebuilt, the page gives the new time and no longer says it is updating.
    rollup.refresh()
    cache.clear()
    response = client.get(reverse("reports:dashboard"))
    assert response.context["as_of"] > old
    assert response.context["refreshing"] is False
    assert UPDATING not in response.content.decode()
    assert 'id="stats-as-of"' in response.content.decode()


def test_a_fresh_summary_queues_nothing(
    client, stats, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_REFRESH_SECONDS = 600
    rollup.refresh()
    SummaryState.objects.update(refreshed_at=timezone.now() - timedelta(minutes=9))
    cache.clear()
    client.force_login(stats.viewer)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.get(reverse("reports:dashboard"))
    assert callbacks == []
    assert response.context["refreshing"] is False
    text = response.content.decode()
    assert UPDATING not in text
    assert "cập nhật 10 phút một lần" in text


def test_the_period_follows_the_setting(settings):
    settings.REPORTS_REFRESH_SECONDS = 90
    state = SummaryState(refreshed_at=timezone.now() - timedelta(seconds=100))
    assert rollup.is_stale(state)
    settings.REPORTS_REFRESH_SECONDS = 120
    assert not rollup.is_stale(state)
