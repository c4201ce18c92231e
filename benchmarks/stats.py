"""Completion statistics over a province of 1,000,000 enrolments, on PostgreSQL.

Run from the repository root with the project's virtualenv (PostgreSQL required):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python \\
        benchmarks/stats.py

What it does:

1. creates the database ``portal_bench_stats`` on the server named by DATABASE_URL
   (the named database itself is not touched), ``migrate``;
2. seeds with COPY: 1 province, 100 communes, 300 schools and offices (3 of them
   merged into a neighbour), 3,000 classes, ≈120,000 learners with their
   memberships, 10 courses with a quiz each, 1,000,000 enrolments (about 70 %
   started, 45 % completed), one quiz attempt per started enrolment and an issued
   certificate per completed one, target populations for 2026-2027; then ANALYZE;
3. in-process, calls the dashboard view (Django's RequestFactory, the view's own
   SQL and template) as the province's department viewer, the cache cleared before
   every request so the SQL is measured: the province, one commune's drill-down
   (its schools) and one school (its classes), then the export of the province's
   table as XLSX (reports/exports/unit_table.py, the same figures as its page); median
   of ``--rounds`` warm requests.
   Before that the summary tables are built
   (``reports.dashboard.rollup.refresh``, timed): the province and commune views
   read them, the school's class table is live;
4. in a child process, streams the learner list (CSV) of one course (≈100,000 rows) to
   /dev/null through ``reports.exports.files.csv_chunks`` and reports its wall time and
   the child's peak RSS (VmHWM of /proc/self/status: getrusage's ru_maxrss is
   inherited across exec on Linux and would report the seeding parent's peak).

Prints ``stats_enrolments``, ``stats_summary_refresh_seconds``,
``dashboard_province_ms``, ``drilldown_commune_ms``, ``dashboard_school_ms``,
``coverage_province_ms``, ``coverage_commune_ms`` (the province and a commune for
the seeded school year, with its populations: typed, counted from rosters and a
commune's own figure), ``export_units_xlsx_ms``, ``export_100k_rows_seconds``,
``export_peak_rss_mib``
and ``#`` lines. Drops the database at the end. Targets: each dashboard ≤ 300 ms;
the table's XLSX ≤ 1,000 ms; export memory flat (≤ 150 MiB).
"""

import argparse
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from harness.in_process import setup_django
from harness.output import comment, metric
from harness.province import (
    COURSES,
    LEARNERS,
    seed_courses,
    seed_enrolments,
    seed_people,
    seed_populations,
    seed_tree,
)
from harness.stragglers import (
    administrator_of,
    measure_reminder_job,
    measure_straggler_lists,
)

REPO = Path(__file__).resolve().parent.parent
# BENCH_STATS_DB lets parallel runs (one per worktree) keep apart
DB_NAME = os.environ.get("BENCH_STATS_DB", "portal_bench_stats")
TOTAL_TIMEOUT_S = 30 * 60


class BenchDatabase:
    def __init__(self):
        self.given = os.environ.get("DATABASE_URL", "")
        if not self.given.startswith(("postgres://", "postgresql://")):
            sys.exit("benchmarks/stats.py needs DATABASE_URL=postgres://…")

    def _admin(self, sql):
        import psycopg

        with psycopg.connect(self.given, autocommit=True, connect_timeout=10) as c:
            c.execute(sql)

    def __enter__(self):
        self._admin(f'DROP DATABASE IF EXISTS "{DB_NAME}"')
        self._admin(f'CREATE DATABASE "{DB_NAME}"')
        os.environ["DATABASE_URL"] = urlunsplit(
            urlsplit(self.given)._replace(path=f"/{DB_NAME}")
        )
        return self

    def __exit__(self, *exc):
        from django.db import connections

        connections.close_all()
        if not os.environ.get("BENCH_KEEP_DB"):  # kept to study a query plan
            self._admin(f'DROP DATABASE IF EXISTS "{DB_NAME}"')


def viewer_of(province_pk):
    from people.models import Membership, User

    viewer = User.objects.create_user("sogd_bench", password=None, full_name="Sở GD")
    Membership.objects.create(user=viewer, organisation_id=province_pk, role="viewer")
    return viewer


def timed_view(viewer, url, rounds):
    from django.core.cache import cache
    from django.test import RequestFactory
    from django.urls import resolve

    factory = RequestFactory()
    match = resolve(urlsplit(url).path)  # the query string goes to the request
    times = []
    for i in range(rounds + 1):
        cache.clear()
        viewer.__dict__.pop("_scope_paths", None)
        request = factory.get(url)
        request.user = viewer
        start = time.perf_counter()
        response = match.func(request, *match.args, **match.kwargs)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        if i:  # the first request warms up templates and connections
            times.append(elapsed)
    return statistics.median(times)


EXPORT_CHILD = """
import os, sys, time
import django
django.setup()
from people.models import User
from reports.filters import ReportFilters
from reports.exports.queries import export_rows
viewer = User.objects.get(username="sogd_bench")
filters = ReportFilters.for_user(viewer, {"khoa-hoc": sys.argv[1]})
start = time.perf_counter()
header, rows = export_rows(filters)
n = 0
try:
    from reports.exports.files import csv_chunks
    how = "reports.exports.files.csv_chunks"
    with open(os.devnull, "wb") as out:
        for chunk in csv_chunks(header, rows.iterator(chunk_size=2000)):
            out.write(chunk)
            n += chunk.count(b"\\n")
    n -= 1
except ImportError:
    import csv
    how = "csv.writer over export_rows (exports module missing)"
    with open(os.devnull, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows.iterator(chunk_size=2000):
            writer.writerow(row)
            n += 1
seconds = time.perf_counter() - start
# VmHWM: this process's own peak RSS. (getrusage's ru_maxrss survives exec on
# Linux, so in a child it can report the parent's peak instead.)
with open("/proc/self/status") as status:
    hwm = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
print(n, f"{seconds:.2f}", f"{hwm / 1024:.0f}", how)
"""


def measure_export(course_pk):
    result = subprocess.run(
        [sys.executable, "-c", EXPORT_CHILD, str(course_pk)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
        env=os.environ | {"PYTHONPATH": str(REPO)},
        check=False,
    )
    if result.returncode:
        raise RuntimeError(result.stderr[-2000:])
    rows, seconds, rss, how = result.stdout.strip().splitlines()[-1].split(" ", 3)
    return int(rows), float(seconds), float(rss), how


def run(args):
    with BenchDatabase():
        setup_django()
        from django.core.management import call_command
        from django.db import connection
        from django.urls import reverse

        from courses.models import Enrolment

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        comment(f"migrated in {time.perf_counter() - started:.0f} s")
        rng = random.Random(2026)
        started = time.perf_counter()
        communes, schools, classes = seed_tree()
        placement = seed_people(classes, rng)
        courses = seed_courses()
        n_started, n_completed = seed_enrolments(placement, courses, rng)
        n_populations = seed_populations(communes, schools)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        total = Enrolment.objects.count()
        comment(
            f"seeded in {time.perf_counter() - started:.0f} s: {len(communes)} "
            f"communes, {len(schools)} schools/offices (3 merged), {len(classes)} "
            f"classes, {LEARNERS} learners, {COURSES} courses, {n_started} started "
            f"(one quiz attempt each), {n_completed} completed (certificate each), "
            f"{n_populations} populations (half the schools counted from rosters)"
        )
        metric("stats_enrolments", total, "count")

        from reports.dashboard.rollup import refresh

        started = time.perf_counter()
        refresh()
        metric(
            "stats_summary_refresh_seconds",
            f"{time.perf_counter() - started:.1f}",
            "s",
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        from reports import models as report_models

        comment(
            "summary rows: "
            + ", ".join(
                f"{name} {getattr(report_models, name).objects.count()}"
                for name in (
                    "EnrolmentSummary",
                    "CompletionMonths",
                    "CompletionDays",
                    "RootCompletionDays",
                )
            )
        )
        viewer = viewer_of(1)
        commune_pk = communes[len(communes) // 2][0]
        school_pk = schools[len(schools) // 2][0]
        for name, url in (
            ("dashboard_province_ms", reverse("reports:dashboard")),
            ("drilldown_commune_ms", reverse("reports:unit", args=[commune_pk])),
            ("dashboard_school_ms", reverse("reports:unit", args=[school_pk])),
            # the province's table (one row per commune) as an XLSX file
            ("export_units_xlsx_ms", reverse("reports_exports:table") + "?format=xlsx"),
        ):
            metric(name, f"{timed_view(viewer, url, args.rounds):.0f}", "ms")
        # Coverage of the seeded school year: populations declared and counted from
        # rosters, rolled up over the province and one commune's units.
        year = "?nam-hoc=2026-2027"
        for name, url in (
            ("coverage_province_ms", reverse("reports:dashboard") + year),
            ("coverage_commune_ms", reverse("reports:unit", args=[commune_pk]) + year),
        ):
            metric(name, f"{timed_view(viewer, url, args.rounds):.0f}", "ms")
        rows, seconds, rss, how = measure_export(courses[0][0])
        comment(f"export of one course: {rows} rows via {how}")
        metric("export_100k_rows_seconds", f"{seconds * 100_000 / rows:.1f}", "s")
        metric("export_peak_rss_mib", f"{rss:.0f}", "MiB")
        sender = administrator_of(1)
        lists = measure_straggler_lists(sender, args.rounds)
        metric("stragglers_query_ms", f"{max(lists.values()):.0f}", "ms")
        reminded, seconds = measure_reminder_job(sender)
        metric("reminders_per_second", f"{reminded / seconds:.0f}", "count/s")
        parent_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        comment(f"benchmark process peak RSS {parent_rss} MiB (seeding included)")


def on_timeout(signum, frame):
    raise TimeoutError(f"benchmark took longer than {TOTAL_TIMEOUT_S} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed requests")
    signal.signal(signal.SIGALRM, on_timeout)
    signal.alarm(TOTAL_TIMEOUT_S)
    run(parser.parse_args())
