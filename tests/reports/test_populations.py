"""Population and coverage on the hand-computed province of stats_data.py.

Populations (audience "doan-vien", 2026-2027 unless said):

    Tỉnh                      —   (rolls up)      + "can-bo" 100 of its own
    ├── Phường Một (C1)       —   (rolls up: 20 + 10 = 30)
    │   ├── S1                20  completed 4 (L1 L2 L5, and L6 of the retired S3)
    │   ├── S2                10  completed 0
    │   └── S3 (retired)      99  left out: its people count under S1
    └── Xã Hai (C2)           —   (rolls up: 3)
        └── S4                rosters complete: L8 L9 L10 = 3, completed 1 (L8, A)

Coverage: S1 4/20 = 20.0 %, S2 0/10 = 0.0 %, C1 4/30 = 13.3 %, C2 1/3 = 33.3 %;
the province, every audience: 5/133 = 3.8 %; "doan-vien" alone: 5/33 = 15.2 %.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from courses.models import Audience
from reports.dashboard import rollup
from reports.models import Population, Target

pytestmark = pytest.mark.django_db

YEAR = "2026-2027"


@pytest.fixture
def declared(stats):
    youth = Audience.objects.create(name="Đoàn viên", slug="doan-vien")
    staff = Audience.objects.create(name="Cán bộ", slug="can-bo")
    stats.course_a.audiences.add(youth)
    stats.course_a.save()  # a parental relation is saved with its page
    for unit, figure in ((stats.s1, 20), (stats.s2, 10), (stats.s3, 99)):
        Population.objects.create(
            organisation=unit, audience=youth, school_year=YEAR, headcount=figure
        )
    Population.objects.create(
        organisation=stats.s4,
        audience=youth,
        school_year=YEAR,
        counted_from_rosters=True,
    )
    Population.objects.create(
        organisation=stats.province, audience=staff, school_year=YEAR, headcount=100
    )
    # Another year never adds to this one.
    Population.objects.create(
        organisation=stats.s1, audience=youth, school_year="2025-2026", headcount=7
    )
    stats.youth, stats.staff = youth, staff
    return stats


def _get(client, user, url, params=None):
    cache.clear()
    client.force_login(user)
    response = client.get(url, {"nam-hoc": YEAR} | (params or {}))
    assert response.status_code == 200
    return response


def _rows(response):
    return {
        row["label"]: (
            row["population"],
            row["not_enrolled"],
            row["completed"],
            row["coverage"],
        )
        for row in response.context["rows"]
    }


def test_coverage_rolls_up_without_double_counting(client, declared):
    s = declared
    response = _get(client, s.viewer, reverse("reports:dashboard"))
    summary = response.context["summary"]
    assert (summary["population"], summary["completed"], summary["coverage"]) == (
        133,
        5,
        3.8,
    )
    assert summary["not_enrolled"] == 133 - 10
    assert summary["rate"] == 50.0  # completion rate is unchanged: 5 / 10
    assert _rows(response) == {
        "Phường Một": (30, 23, 4, 13.3),
        "Xã Hai": (3, 0, 1, 33.3),  # 3 enrolments ≥ 3 people: never below 0
    }
    response = _get(client, s.viewer, reverse("reports:unit", args=[s.c1.pk]))
    assert _rows(response) == {
        "THPT Chu Văn An": (20, 13, 4, 20.0),
        "THCS Trống": (10, 10, 0, 0.0),
    }
    # A commune's own figure wins over what is declared beneath it.
    Population.objects.create(
        organisation=s.c2, audience=s.youth, school_year=YEAR, headcount=50
    )
    response = _get(client, s.viewer, reverse("reports:dashboard"))
    assert response.context["summary"]["population"] == 30 + 50 + 100
    assert _rows(response)["Xã Hai"] == (50, 47, 1, 2.0)


def test_audience_and_course_choose_the_populations(client, declared):
    s = declared
    url = reverse("reports:dashboard")
    summary = _get(client, s.viewer, url, {"doi-tuong": s.youth.pk}).context["summary"]
    # The audience's courses: course A (L1 L2 L5 L6 L8 completed); B has none.
    assert (summary["population"], summary["completed"]) == (33, 5)
    assert summary["coverage"] == 15.2
    # Course A is for "doan-vien": its population is that audience's.
    summary = _get(client, s.viewer, url, {"khoa-hoc": s.course_a.pk}).context[
        "summary"
    ]
    assert (summary["population"], summary["coverage"]) == (33, 15.2)
    summary = _get(client, s.viewer, url, {"nam-hoc": "2025-2026"}).context["summary"]
    assert summary["population"] == 7


def test_units_without_population_say_so(client, stats):
    response = _get(client, stats.viewer, reverse("reports:dashboard"))
    summary = response.context["summary"]
    assert (summary["population"], summary["coverage"], summary["not_enrolled"]) == (
        None,
        None,
        None,
    )
    assert all(r["coverage"] is None for r in response.context["rows"])
    html = response.content.decode()
    assert "chưa khai báo" in html  # "not declared", never 0 %
    assert ">0.0%" not in html and ">0,0%" not in html


def test_roster_count_follows_the_class_lists(client, declared):
    s = declared
    response = _get(client, s.viewer, reverse("reports:unit", args=[s.c2.pk]))
    assert _rows(response)["THPT Đại Từ"][0] == 3
    # Classes of another year are not this year's roster.
    from tests.factories import SchoolClassFactory, learner_in

    learner_in(SchoolClassFactory(organisation=s.s4, school_year="2025-2026"))
    learner_in(s.k4)
    response = _get(client, s.viewer, reverse("reports:unit", args=[s.c2.pk]))
    assert _rows(response)["THPT Đại Từ"][0] == 4


def test_class_rows_count_the_class_list(client, declared):
    s = declared
    response = _get(client, s.viewer, reverse("reports:unit", args=[s.s1.pk]))
    assert response.context["level"] == "classes"
    rows = _rows(response)
    # 10A1: L1-L4 (2 completed); 10A2: L5 (completed).
    assert rows["10A1 (2026-2027)"] == (4, 0, 2, 50.0)
    assert rows["10A2 (2026-2027)"] == (1, 0, 1, 100.0)
    assert response.context["summary"]["population"] == 20


def test_coverage_target_marks_units_below_it(client, declared):
    s = declared
    Target.objects.create(rate=30, measure=Target.Measure.COVERAGE)
    Target.objects.create(rate=10, measure=Target.Measure.COMPLETION)
    response = _get(client, s.viewer, reverse("reports:dashboard"))
    rows = {r["label"]: r for r in response.context["rows"]}
    assert rows["Phường Một"]["coverage_below"] is True  # 13.3 < 30
    assert rows["Xã Hai"]["coverage_below"] is False  # 33.3
    assert rows["Phường Một"]["below"] is False  # completion 57.1 ≥ 10
    assert response.context["coverage_target"] == 30
    assert response.context["coverage_below"] is True  # province 3.8
    bars = [r["label"] for r in response.context["coverage_bars"]]
    assert bars == ["Phường Một", "Xã Hai"]  # worst first
    html = response.content.decode()
    assert 'id="coverage-bars"' in html and 'low="30"' in html


def test_coverage_bars_worst_first_and_undeclared_last(client, declared):
    s = declared
    Population.objects.filter(organisation=s.s2).delete()
    Population.objects.create(
        organisation=s.s2, audience=s.youth, school_year=YEAR, headcount=5
    )
    response = _get(client, s.viewer, reverse("reports:unit", args=[s.c1.pk]))
    assert [r["label"] for r in response.context["coverage_bars"]] == [
        "THCS Trống",  # 0.0
        "THPT Chu Văn An",  # 20.0
    ]
    Population.objects.filter(organisation=s.s2).delete()
    response = _get(client, s.viewer, reverse("reports:unit", args=[s.c1.pk]))
    bars = response.context["coverage_bars"]
    assert [(r["label"], r["coverage"]) for r in bars] == [
        ("THPT Chu Văn An", 20.0),
        ("THCS Trống", None),
    ]


def test_summary_tables_give_the_live_coverage(client, declared):
    s = declared
    views = [
        (reverse("reports:dashboard"), {}),
        (reverse("reports:dashboard"), {"khoa-hoc": s.course_a.pk}),
        (reverse("reports:dashboard"), {"doi-tuong": s.youth.pk}),
        (reverse("reports:unit", args=[s.c1.pk]), {}),
        (reverse("reports:unit", args=[s.c2.pk]), {}),
    ]
    keys = ("population", "not_enrolled", "completed", "coverage", "rate")

    def shown(response):
        summary = tuple(response.context["summary"][k] for k in keys)
        rows = [tuple(r[k] for k in keys) for r in response.context["rows"]]
        return summary, rows

    live = [shown(_get(client, s.viewer, url, params)) for url, params in views]
    rollup.refresh()
    for (url, params), expected in zip(views, live, strict=True):
        response = _get(client, s.viewer, url, params)
        assert response.context["as_of"] is not None
        assert shown(response) == expected, (url, params)


@pytest.mark.parametrize("n", [2, 20])
def test_query_count_does_not_grow_with_declared_units(
    client, home_page, django_assert_max_num_queries, n
):
    from tests.reports.test_statistics_queries import MAX_QUERIES, _province

    viewer, province, commune, school, school_class = _province(home_page, n)
    youth = Audience.objects.create(name="Đoàn viên", slug="doan-vien")
    commune.refresh_from_db()  # numchild: treebeard's get_children reads it
    for i, unit in enumerate(commune.get_children()):
        Population.objects.create(
            organisation=unit,
            audience=youth,
            school_year=YEAR,
            headcount=None if i % 2 else 100,
            counted_from_rosters=bool(i % 2),
        )
    for url in (
        reverse("reports:dashboard"),
        reverse("reports:unit", args=[commune.pk]),
        reverse("reports:unit", args=[school.pk]),
    ):
        cache.clear()
        client.force_login(viewer)
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url, {"nam-hoc": YEAR})
        assert response.status_code == 200
    # n schools: half typed (100 each), half counted (one learner each, n at the
    # big school which is the first and typed).
    response = client.get(reverse("reports:unit", args=[commune.pk]), {"nam-hoc": YEAR})
    assert response.context["summary"]["population"] == 100 * ((n + 1) // 2) + n // 2


def test_a_class_page_counts_against_its_list(client, declared):
    s = declared
    response = _get(client, s.viewer, reverse("reports:class", args=[s.k1.pk]))
    summary = response.context["summary"]
    # 10A1: L1-L4 on the list, L1 and L2 completed course A.
    assert (summary["population"], summary["completed"], summary["coverage"]) == (
        4,
        2,
        50.0,
    )


def test_a_coverage_target_sits_beside_a_completion_target(client, stats):
    client.force_login(stats.viewer)
    url = reverse("reports:targets")
    course = stats.course_a.pk
    assert client.post(url, {"course": course, "rate": "70"}).status_code == 302
    response = client.post(url, {"measure": "coverage", "course": course, "rate": "40"})
    assert response.status_code == 302
    assert sorted(Target.objects.values_list("measure", "rate")) == [
        ("completion", 70),
        ("coverage", 40),
    ]
    again = client.post(url, {"measure": "coverage", "course": course, "rate": "50"})
    assert again.status_code == 200 and Target.objects.count() == 2
    assert "độ bao phủ" in again.content.decode()
