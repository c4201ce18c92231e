"""Programme statistics per unit, on the hand-computed province (stats_data.py).

Programme "Một cửa số" = courses A and B (every course): in it are L1–L5 (S1),
L6–L7 (S3, merged into S1 but kept as its own row; rows in tree order), L8–L9
(S4; L10 withdrew, L8 takes both courses and counts once). L8 completes B too:
the only completion.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment, Programme, ProgrammeCourse
from courses.programmes import record_completions


def _programme(title, courses, **rule):
    programme = Programme.objects.create(title=title, **rule)
    for order, course in enumerate(courses):
        ProgrammeCourse.objects.create(
            programme=programme, course=course, sort_order=order
        )
    return programme


def _table(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:programmes"))
    assert response.status_code == 200
    figures = {
        f.programme.title: (
            [(u.name, n, d) for u, n, d in f.rows],
            f.learners,
            f.completed,
        )
        for f in response.context["figures"]
    }
    return figures, len(queries), response.content.decode()


def test_learners_and_completions_per_unit_in_each_viewers_area(client, stats):
    _programme("Một cửa số", [stats.course_a, stats.course_b])
    _programme("Chỉ B", [stats.course_b], rule="at_least", required_courses=1)
    l8_b = Enrolment.objects.get(user=stats.learners["L8"], course=stats.course_b)
    Enrolment.objects.filter(pk=l8_b.pk).update(
        completed_at=timezone.now(), status=Enrolment.Status.COMPLETED
    )
    l8_b.refresh_from_db()
    assert len(record_completions(l8_b)) == 2  # both programmes
    assert record_completions(l8_b) == []  # once

    figures, queries, html = _table(client, stats.viewer)
    assert figures["Một cửa số"] == (
        [("THCS Cũ", 2, 0), ("THPT Chu Văn An", 5, 0), ("THPT Đại Từ", 2, 1)],
        9,
        1,
    )
    assert figures["Chỉ B"] == ([("THPT Đại Từ", 1, 1)], 1, 1)
    assert "Học viên tham gia chương trình" in html
    assert queries <= 15  # six for the figures, the rest sign-in and scope

    figures, _queries, _html = _table(client, stats.viewer_c2)
    assert figures["Một cửa số"] == ([("THPT Đại Từ", 2, 1)], 2, 1)
    figures, _queries, _html = _table(client, stats.coord_s1)
    assert figures["Một cửa số"] == ([("THPT Chu Văn An", 5, 0)], 5, 0)
    assert figures["Chỉ B"] == ([], 0, 0)
