"""The REST API for other systems over 1,000,000 enrolments, on PostgreSQL.

Run by benchmarks/credentials.py when DATABASE_URL names a PostgreSQL server, or on
its own from the repository root with the project's virtualenv:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python \\
        benchmarks/harness/api_load.py

What it does:

1. creates the scratch database ``portal_bench_api`` (``BENCH_STATS_DB`` overrides;
   the named database is not touched) and seeds the province of benchmarks/stats.py
   (benchmarks/harness/province.py: 1,000,000 enrolments, ≈450,000 completed); each
   enrolment's ``updated_at`` is set to its last event (completion or enrolment,
   an hour ago at the latest);
2. makes a province-wide API client authorised for personal data;
3. in a child process, reads every completion through ``GET /api/v1/completions``
   (Django's WSGI handler with every middleware: token check, rate limit, SQL, JSON,
   the access log), following ``next_cursor`` in pages of 1,000 rows; reports rows
   per second and the child's peak RSS (VmHWM), with its RSS after the first pages:
   memory stays flat when the peak is close to it;
4. ``GET /api/v1/aggregates`` (the open data rows, ≤ 1,000 per page) ``--rounds``
   times after one cold request that builds the hourly-cached rows: p95.

Prints ``api_completions_rows_per_second`` (target ≥ 5,000),
``api_completions_peak_rss_mib``, ``api_p95_ms`` (aggregates, target ≤ 300) and
``#`` lines. Drops the database at the end.
"""

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("BENCH_STATS_DB", "portal_bench_api")
# benchmarks/ on the path: its harness package and stats.py's scratch database
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stats import BenchDatabase  # noqa: E402

from harness.in_process import setup_django  # noqa: E402
from harness.output import comment, metric  # noqa: E402
from harness.province import (  # noqa: E402
    seed_courses,
    seed_enrolments,
    seed_people,
    seed_tree,
)
from harness.stack import percentile  # noqa: E402

REPO = Path(__file__).resolve().parent.parent.parent
PAGE = 1000

READER_CHILD = """
import json, os, sys, time
from urllib.parse import urlencode
import django
django.setup()
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory

def rss(field):
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith(field)) / 1024

# Django's WSGI handler, as under gunicorn (the test client would keep every
# response alive in a reference cycle until the garbage collector ran).
handler, environ = WSGIHandler(), RequestFactory()._base_environ()

def get(params):
    statuses = []
    response = handler(
        environ | {
            "PATH_INFO": "/api/v1/completions",
            "QUERY_STRING": urlencode(params),
            "HTTP_AUTHORIZATION": "Bearer " + sys.argv[1],
        },
        lambda status, headers: statuses.append(status),
    )
    try:
        body = b"".join(response)
    finally:
        response.close()
    if not statuses[0].startswith("200"):
        raise SystemExit(f"{statuses[0]}: {body[:300]!r}")
    return json.loads(body)

cursor, rows, pages, early = None, 0, 0, None
start = time.perf_counter()
while True:
    body = get({"limit": sys.argv[2]} | ({"cursor": cursor} if cursor else {}))
    rows += len(body["items"])
    pages += 1
    cursor = body["next_cursor"]
    if pages == 10:
        early = rss("VmRSS:")
    if not body["has_more"]:
        break
seconds = time.perf_counter() - start
print(rows, pages, f"{seconds:.2f}", f"{early or 0:.0f}", f"{rss('VmHWM:'):.0f}")
"""


def read_all_completions(token):
    result = subprocess.run(
        [sys.executable, "-c", READER_CHILD, token, str(PAGE)],
        capture_output=True,
        text=True,
        timeout=1200,
        cwd=REPO,
        env=os.environ | {"PYTHONPATH": str(REPO)},
        check=False,
    )
    if result.returncode:
        raise RuntimeError(result.stderr[-2000:] + result.stdout[-500:])
    rows, pages, seconds, early, peak = result.stdout.strip().splitlines()[-1].split()
    return int(rows), int(pages), float(seconds), float(early), float(peak)


def timed_aggregates(token, rounds):
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    started = time.perf_counter()
    first = client.get("/api/v1/aggregates")
    cold = (time.perf_counter() - started) * 1000
    if first.status_code != 200:
        raise RuntimeError(f"aggregates answered {first.status_code}")
    comment(
        f"aggregates: cold request (builds the hourly open data) {cold:.0f} ms, "
        f"{len(first.json()['items'])} rows in the first page"
    )
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get("/api/v1/aggregates")
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return percentile(times, 0.95)


def run(args):
    with BenchDatabase():
        setup_django(
            API_RATE_LIMIT_PER_MINUTE=str(10**9),  # measure, not limit
            API_PAGE_SIZE=str(PAGE),
        )
        from django.core.management import call_command
        from django.db import connection

        from courses.models import Enrolment
        from reports.models import ApiAccess, ApiClient

        call_command("migrate", verbosity=0)
        rng = random.Random(2026)
        started = time.perf_counter()
        _communes, _schools, classes = seed_tree()
        placement = seed_people(classes, rng)
        _started, completed = seed_enrolments(placement, seed_courses(), rng)
        with connection.cursor() as cursor:
            cursor.execute(
                # the seeded dates run a little into the future; a change is
                # never newer than now
                "UPDATE courses_enrolment SET updated_at ="
                " LEAST(COALESCE(completed_at, enrolled_at), now() - interval '1 hour')"
            )
            cursor.execute("VACUUM ANALYZE courses_enrolment")
            cursor.execute("ANALYZE")
        comment(
            f"seeded {Enrolment.objects.count()} enrolments ({completed} completed) "
            f"in {time.perf_counter() - started:.0f} s"
        )
        _client, token = ApiClient.issue(
            organisation_id=1,
            name="Kho dữ liệu dùng chung",
            scopes=["completions", "aggregates"],
            authorised_for_personal_data=True,
        )
        rows, pages, seconds, early, peak = read_all_completions(token)
        if rows != completed:
            raise RuntimeError(f"read {rows} completions of {completed}")
        comment(
            f"completions: {rows} rows in {pages} pages of {PAGE} in {seconds:.1f} s; "
            f"reader RSS after 10 pages {early:.0f} MiB, peak {peak:.0f} MiB"
        )
        metric("api_completions_rows_per_second", f"{rows / seconds:.0f}", "rows/s")
        metric("api_completions_peak_rss_mib", f"{peak:.0f}", "MiB")
        metric("api_p95_ms", f"{timed_aggregates(token, args.rounds):.0f}", "ms")
        comment(f"access log rows: {ApiAccess.objects.count()}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=50, help="timed requests")
    run(parser.parse_args())
