"""With Redis down (issue 14, finding 5) the certificate look-up limit holds:
the count moves to the database instead of every look-up reading as the first."""

import pytest
from django.urls import reverse

from certificates.models import Certificate
from certificates.views import VERIFY_LIMIT
from people.models import RateLimitCounter
from people.ratelimit import hit
from tests.integration.faults_support import cache_down

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(completed):
    return Certificate.objects.get()


def test_look_ups_stay_limited_with_the_cache_down(client, certificate, settings):
    cache_down(settings)
    url = reverse("certificates:verify_code", args=[certificate.verification_code])
    for _ in range(VERIFY_LIMIT):
        assert client.get(url).status_code == 200
    response = client.get(url)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert client.get(url, REMOTE_ADDR="10.0.0.9").status_code == 200
    # Counted under a hash: no address is stored.
    assert not RateLimitCounter.objects.filter(key__contains="127.0.0.1").exists()


def test_with_the_cache_up_nothing_is_written_to_the_database():
    for _ in range(3):
        assert hit("test", "10.0.0.1", 2, 60)[0] in (True, False)
    assert hit("test", "10.0.0.1", 2, 60)[0] is False
    assert not RateLimitCounter.objects.exists()


def test_expired_database_windows_are_removed(settings, monkeypatch):
    cache_down(settings)
    clock = [1_000_000.0]
    monkeypatch.setattr("people.ratelimit.time.time", lambda: clock[0])
    assert hit("test", "10.0.0.1", 1, 60)[0] is True
    assert hit("test", "10.0.0.1", 1, 60)[0] is False
    clock[0] += 60  # the next window starts afresh
    assert hit("test", "10.0.0.1", 1, 60)[0] is True


def test_a_class_zip_asked_while_the_broker_is_down_says_so_at_once(
    client, school_class, coordinator, course, django_capture_on_commit_callbacks
):
    """Not a ZIP "waiting" for ever: the coordinator is told to ask again."""
    from certificates.models import ClassArchive
    from tests.integration.faults_support import broker_down

    client.force_login(coordinator)
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates:class_zip", args=[school_class.pk]),
            {"course": course.pk},
        )
    assert response.status_code == 302  # not a 500
    archive = ClassArchive.objects.get()
    assert archive.status == ClassArchive.Status.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "Máy chủ đang bận" in page
