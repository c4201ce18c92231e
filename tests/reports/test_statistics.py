"""Dashboard figures against the hand-computed province of stats_data.py."""

import pytest
from django.urls import reverse

from courses.models import Enrolment
from reports.dashboard.queries import summary
from reports.exports.queries import export_rows
from reports.filters import ReportFilters
from reports.models import Target
from tests.services import require_postgresql

pytestmark = pytest.mark.django_db


def _get(client, user, url, **params):
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def _rows(response):
    return {row["label"]: row for row in response.context["rows"]}


def test_province_summary(client, stats):
    response = _get(client, stats.viewer, reverse("reports:dashboard"))
    s = response.context["summary"]
    assert (s["enrolled"], s["started"], s["completed"]) == (10, 7, 5)
    assert s["rate"] == 50.0
    assert s["certificates"] == 2  # the revoked one is not counted
    assert s["avg_score"] == 70.0
    assert s["median_days"] == 6
    assert response.context["level"] == "units"


def test_twice_enrolled_learner_counts_once(stats):
    l5 = Enrolment.objects.filter(user=stats.learners["L5"])
    assert l5.count() == 1
    # Self-enrolled first, then the class was enrolled: counted in the class.
    assert l5.get().source == Enrolment.Source.SELF
    assert l5.get().school_class == stats.k2


def test_communes_with_merged_and_empty_units(client, stats):
    rows = _rows(_get(client, stats.viewer, reverse("reports:dashboard")))
    assert set(rows) == {"Phường Một", "Xã Hai"}
    c1, c2 = rows["Phường Một"], rows["Xã Hai"]
    assert (c1["enrolled"], c1["started"], c1["completed"]) == (7, 5, 4)
    assert c1["rate"] == 57.1
    assert (c2["enrolled"], c2["started"], c2["completed"]) == (3, 2, 1)
    assert c1["url"].startswith(reverse("reports:unit", args=[stats.c1.pk]))


def test_drill_down_to_schools_keeps_filters(client, stats):
    url = reverse("reports:unit", args=[stats.c1.pk])
    response = _get(client, stats.viewer, url, **{"khoa-hoc": stats.course_a.pk})
    rows = _rows(response)
    # The retired school is not listed: its learners count in its successor.
    assert set(rows) == {"THPT Chu Văn An", "THCS Trống"}
    assert rows["THPT Chu Văn An"]["enrolled"] == 7
    assert rows["THPT Chu Văn An"]["completed"] == 4
    assert rows["THCS Trống"]["enrolled"] == 0
    assert rows["THCS Trống"]["rate"] is None
    assert f"khoa-hoc={stats.course_a.pk}" in rows["THPT Chu Văn An"]["url"]
    crumbs = [label for label, _url in response.context["breadcrumbs"]]
    assert crumbs == ["Tỉnh Thái Nguyên", "Phường Một"]


def test_school_lists_classes_including_merged_ones(client, stats):
    url = reverse("reports:unit", args=[stats.s1.pk])
    response = _get(client, stats.viewer, url)
    assert response.context["level"] == "classes"
    rows = {row["school_class"].name: row for row in response.context["rows"]}
    assert {k: r["enrolled"] for k, r in rows.items()} == {
        "10A1": 4,
        "10A2": 1,
        "9A1": 2,
    }
    assert rows["10A1"]["completed"] == 2


def test_class_lists_learners_with_status(client, stats):
    url = reverse("reports:class", args=[stats.k1.pk])
    response = _get(client, stats.viewer, url)
    assert response.context["level"] == "learners"
    status = {e.user.full_name: e.status_label for e in response.context["learners"]}
    assert status == {
        "Nguyễn Văn An": "đã hoàn thành",
        "Trần Thị Bình": "đã hoàn thành",
        "Lê Văn Cường": "đang làm",
        "Phạm Thị Dung": "chưa bắt đầu",
    }
    crumbs = [label for label, _url in response.context["breadcrumbs"]]
    assert crumbs[-1] == str(stats.k1)


def test_period_filter(client, stats):
    response = _get(
        client, stats.viewer, reverse("reports:dashboard"), **{"tu-ngay": "2026-10-01"}
    )
    s = response.context["summary"]
    assert (s["enrolled"], s["started"], s["completed"]) == (3, 2, 1)
    response = _get(
        client, stats.viewer, reverse("reports:dashboard"), **{"den-ngay": "2026-09-01"}
    )
    assert response.context["summary"]["enrolled"] == 7


def test_course_and_audience_filters(client, stats):
    url = reverse("reports:dashboard")
    s = _get(client, stats.viewer, url, **{"khoa-hoc": stats.course_b.pk}).context[
        "summary"
    ]
    assert (s["enrolled"], s["completed"]) == (1, 0)


def test_bad_filters_give_messages_not_errors(client, stats):
    response = _get(
        client,
        stats.viewer_c2,
        reverse("reports:dashboard"),
        **{
            "tu-ngay": "hôm qua",
            "khoa-hoc": "abc",
            "don-vi": stats.c1.pk,  # another commune: ignored, stays in scope
            "nam-hoc": "2026",
        },
    )
    assert len(response.context["filters"].errors) == 4
    assert response.context["filters"].unit == stats.c2
    assert response.context["summary"]["enrolled"] == 3


def test_viewer_of_a_commune_sees_only_it(client, stats):
    response = _get(client, stats.viewer_c2, reverse("reports:dashboard"))
    assert response.context["summary"]["enrolled"] == 3
    assert set(_rows(response)) == {"THPT Đại Từ"}


@pytest.mark.parametrize(
    ("who", "name", "target", "status"),
    [
        ("viewer_c2", "reports:unit", "c1", 404),
        ("viewer_c2", "reports:class", "k1", 404),
        ("coord_s4", "reports:unit", "s1", 404),
        ("coord_s4", "reports:class", "k3", 404),
        ("coord_s1", "reports:unit", "s1", 200),
        ("coord_s1", "reports:class", "k1", 200),
        ("coord_s1", "reports:unit", "c1", 404),
        ("coord_s1", "reports:targets", None, 403),
    ],
)
def test_scoping(client, stats, who, name, target, status):
    client.force_login(getattr(stats, who))
    args = [getattr(stats, target).pk] if target else []
    assert client.get(reverse(name, args=args)).status_code == status


def test_learners_and_anonymous_are_kept_out(client, stats):
    url = reverse("reports:dashboard")
    response = client.get(url)
    assert response.status_code == 302 and "next=" in response["Location"]
    client.force_login(stats.learners["L1"])
    assert client.get(url).status_code == 403


def test_coordinator_sees_their_school(client, stats):
    response = _get(client, stats.coord_s1, reverse("reports:dashboard"))
    assert response.context["filters"].unit == stats.s1
    assert response.context["level"] == "classes"
    assert response.context["summary"]["enrolled"] == 7


def test_targets_highlight_units_below(client, stats):
    Target.objects.create(course=stats.course_a, rate=60)
    Target.objects.create(course=stats.course_a, organisation=stats.c2, rate=40)
    response = _get(
        client,
        stats.viewer,
        reverse("reports:dashboard"),
        **{"khoa-hoc": stats.course_a.pk},
    )
    rows = _rows(response)
    assert (rows["Phường Một"]["target"], rows["Phường Một"]["below"]) == (60, True)
    assert (rows["Xã Hai"]["target"], rows["Xã Hai"]["below"]) == (40, False)
    assert [r["label"] for r in response.context["below_target"]] == ["Phường Một"]
    assert response.context["target"] == 60
    assert b"below-target" in response.content
    # Without the course filter, the course target does not apply.
    rows = _rows(_get(client, stats.viewer, reverse("reports:dashboard")))
    assert rows["Phường Một"]["target"] is None


def test_viewer_sets_targets(client, stats):
    client.force_login(stats.viewer)
    url = reverse("reports:targets")
    response = client.post(
        url, {"course": stats.course_a.pk, "rate": "70", "organisation": ""}
    )
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.rate, target.set_by) == (70, stats.viewer)
    # Same course/audience/unit again: a clear message, not a duplicate.
    response = client.post(url, {"course": stats.course_a.pk, "rate": "50"})
    assert response.status_code == 200 and Target.objects.count() == 1
    response = client.post(url, {"rate": "150"})
    assert response.status_code == 200 and response.context["form"].errors


def test_commune_viewer_cannot_target_other_units(client, stats):
    client.force_login(stats.viewer_c2)
    url = reverse("reports:targets")
    response = client.post(url, {"rate": "70", "organisation": stats.c1.pk})
    assert response.status_code == 200 and not Target.objects.exists()
    response = client.post(url, {"rate": "70", "organisation": ""})
    assert response.status_code == 200 and not Target.objects.exists()
    other = Target.objects.create(organisation=stats.c1, rate=10)
    assert client.post(url, {"delete": other.pk}).status_code == 404
    assert (
        client.post(url, {"rate": "70", "organisation": stats.c2.pk}).status_code == 302
    )


def test_export_rows_and_filters_round_trip(stats):
    filters = ReportFilters.for_user(stats.viewer, {"khoa-hoc": str(stats.course_a.pk)})
    again = ReportFilters.from_dict(filters.to_dict())
    assert again.as_query() == filters.as_query()
    header, rows = export_rows(again)
    rows = list(rows.iterator(chunk_size=2))
    assert len(rows) == 9 and len(header) == len(rows[0])
    units = {row[0]: row[2] for row in rows}
    assert units["Đỗ Thị Giang"] == "THPT Chu Văn An"  # merged school → successor
    assert ("Khóa học", "Công dân số an toàn") in filters.describe()


def test_summary_matches_for_coordinator_scope(stats):
    filters = ReportFilters.for_user(stats.coord_s4, {})
    assert summary(filters)["enrolled"] == 3


def test_median_days_on_postgresql(stats):
    require_postgresql()
    filters = ReportFilters.for_user(stats.viewer, {})
    assert summary(filters)["median_days"] == 6  # 2, 4, 6, 10, 20
    commune = ReportFilters.for_user(stats.viewer, {"don-vi": str(stats.c1.pk)})
    assert summary(commune)["median_days"] == 7  # 2, 4, 10, 20


def test_started_and_best_score_are_recorded_by_the_learning_flow(stats):
    from courses import quiz
    from courses.completion import mark_lesson_done
    from courses.models import LessonPage, QuizPage
    from tests.courses.conftest import correct_answers

    enrolment = stats.enrolments["L4"]
    assert enrolment.started_at is None
    mark_lesson_done(enrolment, LessonPage.objects.child_of(stats.course_a).first())
    enrolment.refresh_from_db()
    first = enrolment.started_at
    assert first is not None
    quiz_page = QuizPage.objects.child_of(stats.course_a).get()
    attempt = quiz.start_attempt(enrolment, quiz_page, course=stats.course_a)
    quiz.submit_attempt(attempt, correct_answers(attempt))
    enrolment.refresh_from_db()
    assert enrolment.started_at == first  # set once
    assert enrolment.best_score == 100


def test_admin_dashboard_panel(client, stats):
    admin = stats.viewer
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("reports:dashboard") in content
    assert "reports-panel-title" in content
