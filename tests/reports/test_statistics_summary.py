"""The summary tables (reports/dashboard/rollup.py) give the live figures, faster.

Every view is requested live first (the summary never built), then again after
``refresh()``: the numbers must be the same, down to the median and the chart."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from courses.models import Enrolment
from reports.dashboard import rollup
from reports.dashboard.queries import median
from reports.models import CompletionDays, EnrolmentSummary, SummaryState
from tests.services import require_postgresql

pytestmark = pytest.mark.django_db

FIGURES = (
    "enrolled",
    "started",
    "completed",
    "rate",
    "certificates",
    "avg_score",
    "median_days",
    "first_completion",
    "last_completion",
)
ROW_FIGURES = ("enrolled", "started", "completed", "rate", "certificates", "avg_score")


def _get(client, user, url, params=None):
    cache.clear()  # measure the queries, not the 60-second cache
    client.force_login(user)
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response


def _shown(response):
    """Everything the page shows that the summary could change."""
    context = response.context
    return {
        "summary": {k: context["summary"][k] for k in FIGURES},
        "level": context["level"],
        "rows": [
            (row["label"], *(row[k] for k in ROW_FIGURES)) for row in context["rows"]
        ],
        "time_points": context["time_points"],
    }


def _views(stats):
    course = {"khoa-hoc": stats.course_a.pk}
    return [
        (stats.viewer, reverse("reports:dashboard"), {}),
        (stats.viewer, reverse("reports:dashboard"), course),
        (stats.viewer, reverse("reports:dashboard"), {"nam-hoc": "2026-2027"}),
        (stats.viewer, reverse("reports:dashboard"), {"nam-hoc": "2019-2020"}),
        # Whole months over more than 120 days: summarised.
        (
            stats.viewer,
            reverse("reports:dashboard"),
            {"tu-ngay": "2026-10-01", "den-ngay": "2027-03-31"},
        ),
        (stats.viewer, reverse("reports:dashboard"), {"den-ngay": "2026-09-30"}),
        (stats.viewer, reverse("reports:unit", args=[stats.c1.pk]), {}),  # merged
        (stats.viewer, reverse("reports:unit", args=[stats.c2.pk]), course),
        (stats.viewer, reverse("reports:unit", args=[stats.s1.pk]), {}),
        (stats.viewer, reverse("reports:unit", args=[stats.s2.pk]), {}),  # empty
        (stats.viewer_c2, reverse("reports:dashboard"), {}),
        (stats.coord_s4, reverse("reports:dashboard"), {}),
    ]


def test_summary_gives_the_live_figures(client, stats):
    views = _views(stats)
    live = []
    for user, url, params in views:
        response = _get(client, user, url, params)
        assert response.context["as_of"] is None
        live.append(_shown(response))
    rollup.refresh()
    for (user, url, params), expected in zip(views, live, strict=True):
        response = _get(client, user, url, params)
        assert response.context["as_of"] is not None, (url, params)
        assert _shown(response) == expected, (url, params)


def test_hand_computed_figures_from_the_summary(client, stats):
    rollup.refresh()
    response = _get(client, stats.viewer, reverse("reports:dashboard"))
    s = response.context["summary"]
    assert (s["enrolled"], s["started"], s["completed"]) == (10, 7, 5)
    assert (s["certificates"], s["avg_score"], s["median_days"]) == (2, 70.0, 6)
    rows = {row["label"]: row for row in response.context["rows"]}
    assert rows["Phường Một"]["enrolled"] == 7  # the retired school included
    response = _get(client, stats.viewer, reverse("reports:unit", args=[stats.c1.pk]))
    rows = {row["label"]: row for row in response.context["rows"]}
    assert set(rows) == {"THPT Chu Văn An", "THCS Trống"}
    assert (rows["THPT Chu Văn An"]["enrolled"], rows["THCS Trống"]["enrolled"]) == (
        7,
        0,
    )
    assert response.context["summary"]["median_days"] == 7  # 2, 4, 10, 20


def test_stale_summary_is_used_and_dated(client, stats):
    rollup.refresh()
    state = SummaryState.objects.get()
    # Changes after the rebuild: the summarised views do not see them yet…
    Enrolment.objects.filter(pk=stats.enrolments["L3"].pk).update(
        completed_at=stats.enrolments["L3"].enrolled_at,
        status=Enrolment.Status.COMPLETED,
    )
    response = _get(client, stats.viewer, reverse("reports:dashboard"))
    assert response.context["summary"]["completed"] == 5
    assert response.context["as_of"] == state.refreshed_at
    assert b'id="stats-as-of"' in response.content
    # …the views the summary cannot answer are live and show it.
    live = [
        (reverse("reports:class", args=[stats.k1.pk]), {}),
        (reverse("reports:dashboard"), {"tu-ngay": "2026-09-02"}),  # a day
        (reverse("reports:dashboard"), {"den-ngay": "2027-01-15"}),
        # Whole months, but short enough to chart by week.
        (
            reverse("reports:dashboard"),
            {"tu-ngay": "2026-09-01", "den-ngay": "2026-10-31"},
        ),
        (reverse("reports:dashboard"), {"lop": stats.k1.pk}),
    ]
    for url, params in live:
        response = _get(client, stats.viewer, url, params)
        assert response.context["as_of"] is None, (url, params)
        assert b'id="stats-as-of"' not in response.content
    response = _get(client, stats.viewer, reverse("reports:class", args=[stats.k1.pk]))
    assert response.context["summary"]["completed"] == 3  # L1, L2 and now L3
    rollup.refresh()
    response = _get(client, stats.viewer, reverse("reports:dashboard"))
    assert response.context["summary"]["completed"] == 6
    assert response.context["as_of"] >= state.refreshed_at


def test_never_built_is_live_and_queues_a_rebuild(
    client, stats, django_capture_on_commit_callbacks
):
    cache.clear()
    client.force_login(stats.viewer)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.get(reverse("reports:dashboard"))
    assert response.context["as_of"] is None
    assert response.context["summary"]["enrolled"] == 10
    assert len(callbacks) == 1
    assert EnrolmentSummary.objects.exists() and SummaryState.objects.exists()
    # A class page never needs the summary, so it queues nothing.
    SummaryState.objects.all().delete()
    cache.clear()
    with django_capture_on_commit_callbacks() as callbacks:
        client.get(reverse("reports:class", args=[stats.k1.pk]))
    assert callbacks == []


def test_refresh_twice_gives_the_same_tables(stats):
    rollup.refresh()
    first = list(EnrolmentSummary.objects.values_list("enrolled", "completed"))
    days = sorted(CompletionDays.objects.values_list("days", "completions"))
    rollup.refresh()
    assert sorted(EnrolmentSummary.objects.values_list("enrolled", "completed")) == (
        sorted(first)
    )
    assert sorted(CompletionDays.objects.values_list("days", "completions")) == days
    assert days == [(2, 1), (4, 1), (6, 1), (10, 1), (20, 1)]
    assert SummaryState.objects.count() == 1
    # Withdrawn enrolments are left out, as in the live figures.
    assert sum(r[0] for r in first) == 10


def test_summary_queries_stay_few(client, stats, django_assert_max_num_queries):
    rollup.refresh()
    client.force_login(stats.viewer)
    for url in (
        reverse("reports:dashboard"),
        reverse("reports:unit", args=[stats.c1.pk]),
    ):
        cache.clear()
        with django_assert_max_num_queries(30):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("histogram", "expected"),
    [
        ([], None),
        ([(6, 1)], 6),
        ([(2, 1), (4, 1), (10, 1), (20, 1)], 7),
        ([(1, 3), (9, 1)], 1),
        ([(1, 2), (8, 2)], 4.5),
        ([(0, 1), (3, 2), (5, 4)], 5),
    ],
)
def test_median_of_a_histogram(histogram, expected):
    assert median(histogram) == expected


def test_summary_median_on_postgresql(client, stats):
    require_postgresql()
    test_hand_computed_figures_from_the_summary(client, stats)


def test_province_median_table_only_when_no_merge_crosses_provinces(client, stats):
    from reports.filters import ReportFilters
    from reports.tree import UnitTree
    from tests.factories import OrganisationFactory

    filters = ReportFilters.for_user(stats.viewer, {})
    commune = ReportFilters.for_user(stats.viewer, {"don-vi": str(stats.c1.pk)})
    assert rollup.whole_roots(filters, UnitTree())  # S3 → S1 stays in the province
    assert not rollup.whole_roots(commune, UnitTree())
    other = OrganisationFactory(code="20", name="Tỉnh khác", kind="province")
    stats.s3.__class__.objects.filter(pk=stats.s3.pk).update(succeeded_by=other)
    assert not rollup.whole_roots(filters, UnitTree())
    live = _get(client, stats.viewer, reverse("reports:dashboard")).context["summary"]
    rollup.refresh()
    response = _get(client, stats.viewer, reverse("reports:dashboard"))
    assert response.context["as_of"] is not None
    assert response.context["summary"]["median_days"] == live["median_days"] == 8
