"""The straggler lists: each rule at its boundary, the scope of each role, the
days setting, and one query per list (tests/reports/stragglers_data.py)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Enrolment, Notice
from reports.stragglers import rules
from reports.stragglers.filters import StragglerFilters
from tests.factories import learner_in

Kind = Notice.Kind
URL = reverse("stragglers:list")


def on_list(s, user, reason, params=None):
    filters = StragglerFilters.for_user(user, reason, params or {})
    rows = rules.stragglers(filters, now=s.now)
    names = sorted(e.user.full_name.split()[-1] for e in rows.select_related("user"))
    return names


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (Kind.NOT_STARTED, ["N1"]),
        (Kind.STALLED, ["S1", "S3"]),
        (Kind.QUIZ_FAILED, ["F1"]),
        (Kind.CERTIFICATE_READY, ["C1"]),
    ],
)
def test_each_rule_at_its_boundary(stragglers, reason, expected):
    assert on_list(stragglers, stragglers.coord_a, reason) == expected


def test_days_are_adjustable(stragglers):
    s = stragglers
    # six days instead of seven: N2 (7 days less a minute) joins N1
    assert on_list(s, s.coord_a, Kind.NOT_STARTED, {"ngay": "6"}) == ["N1", "N2"]
    # two days: F3 (failed 2 days ago) joins F1; F2 retries, F4 has no attempt left
    assert on_list(s, s.coord_a, Kind.QUIZ_FAILED, {"ngay": "2"}) == ["F1", "F3"]
    # thirteen days of silence: S2 joins
    assert on_list(s, s.coord_a, Kind.STALLED, {"ngay": "13"}) == ["S1", "S2", "S3"]


def test_bad_days_fall_back_to_the_default_with_a_message(stragglers):
    filters = StragglerFilters.for_user(
        stragglers.coord_a, Kind.NOT_STARTED, {"ngay": "-3"}
    )
    assert filters.days == 7
    assert filters.errors == ["Số ngày là số nguyên từ 1 đến 365."]


def test_scope_of_each_role(stragglers):
    s = stragglers
    assert on_list(s, s.coord_b, Kind.NOT_STARTED) == ["B1"]
    for reason in (Kind.STALLED, Kind.QUIZ_FAILED, Kind.CERTIFICATE_READY):
        assert on_list(s, s.coord_b, reason) == []
    assert on_list(s, s.admin_p, Kind.NOT_STARTED) == ["B1", "N1"]
    # a unit outside the coordinator's school is refused, not shown
    filters = StragglerFilters.for_user(
        s.coord_a, Kind.NOT_STARTED, {"don-vi": str(s.school_b.pk)}
    )
    assert filters.unit is None and filters.errors


def test_page_lists_one_query_per_list(stragglers, client):
    s = stragglers
    client.force_login(s.coord_a)
    client.get(URL, {"ly-do": "stalled"})  # warms the site's caches
    with CaptureQueriesContext(connection) as before:
        response = client.get(URL, {"ly-do": "stalled"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Học viên S1" in body and "Học viên S3" in body
    assert "Học viên S2" not in body and "Học viên B1" not in body
    tabs = [(t["reason"], t["count"]) for t in response.context["tabs"]]
    assert tabs == [
        ("not_started", 1),
        ("stalled", 2),
        ("quiz_failed", 1),
        ("certificate_ready", 1),
    ]
    # five more stalled learners: not one query more
    for _ in range(5):
        user = learner_in(s.S1.school_class)
        Enrolment.objects.create(
            user=user,
            course=s.course,
            organisation=s.school_a,
            school_class=s.S1.school_class,
            enrolled_at=s.now - timedelta(days=30),
            started_at=s.now - timedelta(days=20),
        )
    with CaptureQueriesContext(connection) as after:
        response = client.get(URL, {"ly-do": "stalled"})
    assert response.context["page"].paginator.count == 7
    assert len(after.captured_queries) == len(before.captured_queries) <= 22


def test_viewers_and_learners_may_not_remind(stragglers, client):
    client.force_login(stragglers.viewer_p)
    assert client.get(URL).status_code == 403
    client.force_login(stragglers.N1.user)
    assert client.get(URL).status_code == 403


def test_a_holders_download_is_recorded(stragglers, client, settings, tmp_path):
    from django.core.files.base import ContentFile

    from certificates.models import Certificate

    certificate = Certificate.objects.get(enrolment=stragglers.C1)
    certificate.pdf.save("c1.pdf", ContentFile(b"%PDF-1.4"), save=True)
    url = reverse("certificates:download", args=[certificate.verification_code])
    client.force_login(stragglers.coord_a)  # a coordinator's download does not count
    client.get(url)
    certificate.refresh_from_db()
    assert certificate.downloaded_at is None
    client.force_login(certificate.holder)
    assert client.get(url).status_code == 200
    certificate.refresh_from_db()
    assert certificate.downloaded_at is not None
    assert on_list(stragglers, stragglers.coord_a, Kind.CERTIFICATE_READY) == []


def test_a_revoked_or_reissued_certificate_leaves_the_list(stragglers):
    from certificates import issuing, unfetched
    from certificates.models import Certificate

    certificate = Certificate.objects.get(enrolment=stragglers.C1)
    new = issuing.reissue(certificate)  # pending until issued: nothing to fetch yet
    assert on_list(stragglers, stragglers.coord_a, Kind.CERTIFICATE_READY) == []
    Certificate.objects.filter(pk=new.pk).update(
        status=Certificate.Status.ISSUED, issued_at=stragglers.now - timedelta(days=8)
    )
    unfetched.refresh([stragglers.C1.pk])
    assert on_list(stragglers, stragglers.coord_a, Kind.CERTIFICATE_READY) == ["C1"]
    issuing.revoke(Certificate.objects.get(pk=new.pk), "Sai tên")
    assert on_list(stragglers, stragglers.coord_a, Kind.CERTIFICATE_READY) == []
