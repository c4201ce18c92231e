"""A 1,000-student roster with accounts, end to end: upload to committed accounts with
login slips, and the slowest web request on the way.

Run from the repository root with the project's virtualenv:

    .venv/bin/python benchmarks/roster_import.py

What it does, all inside a temporary directory that is removed at the end:

1. a 1,000-row .xlsx as schools export it: two title rows above the header, columns
   "STT, Họ và tên, Ngày sinh (dd/mm/yyyy text), Giới tính, Mã học sinh, Số định
   danh cá nhân (12 digits), Lớp" with classes 10A1..10A9 and made-up names (fixed
   seed, so every run reads the same rows);
2. real services when they answer on 127.0.0.1: a fresh PostgreSQL database
   (``postgres://postgres@127.0.0.1:5432/bench_roster_<pid>``, created here and
   dropped at the end) and an empty Redis database as the Celery broker (one of
   15..8, flushed at the end); then ``migrate``, ``load_demo`` and ``collectstatic``
   under the production settings (``benchmarks/harness``), gunicorn with one sync
   worker and a ``celery -A config worker`` process (prefork, default concurrency).
   Without PostgreSQL or Redis it falls back to SQLite with eager Celery, says so in a
   ``#`` line, and then the requests include the background work;
3. over HTTP with a cookie jar, like a browser: the demo coordinator signs in, opens
   the upload form (CSRF token and defaults read from it), uploads the file, polls the
   status endpoint (``/dieu-phoi/nhap-danh-sach/<id>/trang-thai/``) every 0.2 s until
   the preview is ready, opens the preview page, confirms, polls until done and
   downloads the login slips;
4. checks in the database and the PDF that the 1,000 accounts and slips exist;
5. unless ``--no-profile``: where the time of the apply step goes, from a separate
   in-process run (``manage.py shell``) over a second file of 1,000 other students,
   with the read, plan, hashing, inserts and slips timed one by one.

Prints ``roster_rows``, ``roster_import_seconds`` (from sending the upload to the
slips PDF received) and ``roster_request_max_ms`` (the slowest single request of the
flow: upload form, upload, import page, status polls, confirm, slips), and ``#``
comment lines with the phases and the breakdown. Only 127.0.0.1 is contacted; every
step has a timeout; the worker, gunicorn, the database and the broker's keys are
cleaned up even when a step fails.
"""

import contextlib
import json
import os
import re
import statistics
import sys
import textwrap
from pathlib import Path

import harness.client
from harness import argument_parser, main
from harness.cpu import CLK_TCK, cpu_ticks
from harness.local_services import (
    celery_worker,
    postgres_database,
    redis_broker,
    services_available,
)
from harness.output import BenchmarkError, comment, metric
from harness.roster_file import CLASSES, ROWS, write_roster
from harness.roster_flow import POLL_INTERVAL_S, run_flow
from harness.roster_profile import profile_apply
from harness.servers import children_of, serve
from harness.site import BENCH_SETTINGS, bench_env, collectstatic, manage, shell

TARGET_SECONDS = 15
TARGET_REQUEST_MS = 1000


# --------------------------------------------------------------------------- the site


def site_env(tmp, database_url=None, broker_url=None):
    """The harness's production environment, on the given services if any."""
    env = bench_env(tmp)
    env["DJANGO_PRIVATE_MEDIA_ROOT"] = str(tmp / "private")
    if database_url:
        env["DATABASE_URL"] = database_url
    if broker_url:
        env["CELERY_BROKER_URL"] = broker_url
    (tmp / "bench_settings.py").write_text(BENCH_SETTINGS)
    return env


def prepare(env):
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    collectstatic(env)


# --------------------------------------------------------------------------- checks


CHECK = textwrap.dedent(
    """\
    import json

    from people.models import Membership, RosterImport, User

    job = RosterImport.objects.get(pk={import_id})
    created = User.objects.filter(must_change_password=True)
    print(json.dumps({{
        "status": job.status,
        "result": job.result,
        "accounts": created.count(),
        "hashers": sorted(
            set(p.split("$", 1)[0] for p in created.values_list("password", flat=True))
        ),
        "memberships": Membership.objects.filter(
            user__in=created, school_class__name__in={classes!r}
        ).count(),
    }}))
    """
)


def check_result(env, import_id, pdf):
    from io import BytesIO

    from pypdf import PdfReader

    found = json.loads(shell(env, CHECK.format(import_id=import_id, classes=CLASSES)))
    # The ids of the students on the slips (for the access log): counted, not listed.
    found["result"]["slip_users"] = len(found["result"].get("slip_users", []))
    reader = PdfReader(BytesIO(pdf))
    pages = len(reader.pages)
    comment(
        f"committed: import {found['status']}, result {found['result']}; "
        f"{found['accounts']} accounts to change their password, hashed with "
        f"{', '.join(found['hashers'])}; {found['memberships']} class memberships"
    )
    comment(f"slips PDF: {len(pdf)} bytes, {pages} pages")
    if found["accounts"] != ROWS or found["memberships"] != ROWS:
        raise BenchmarkError(f"expected {ROWS} accounts and memberships: {found}")
    if pages != -(-ROWS // 10):
        raise BenchmarkError(f"expected {ROWS} slips, 10 per page: {pages} pages")


def worker_task_times(log_path):
    """Celery's own "succeeded in Xs" for the roster tasks, from the worker's log."""
    times = {}
    text = log_path.read_text(errors="replace")
    for name, seconds in re.findall(
        r"people\.tasks\.(\w+)\[[^\]]+\] succeeded in ([\d.]+)s", text
    ):
        times[name] = float(seconds)
    return times


# --------------------------------------------------------------------------- report


def report(marks, requests, task_times, eager):
    seconds = marks["slips"] - marks["start"]
    slowest = max(requests, key=lambda entry: entry[1])
    metric("roster_rows", ROWS, "rows")
    metric("roster_import_seconds", f"{seconds:.2f}", "s")
    metric("roster_request_max_ms", f"{slowest[1]:.0f}", "ms")
    comment(
        f"target: <= {TARGET_SECONDS} s end to end: "
        + ("met" if seconds <= TARGET_SECONDS else "NOT met")
        + f"; no request over ~{TARGET_REQUEST_MS} ms: "
        + ("met" if slowest[1] <= TARGET_REQUEST_MS else "NOT met")
        + f" (slowest: {slowest[0]})"
    )
    comment(
        "phases (client side): "
        f"upload + first page {marks['uploaded'] - marks['start']:.2f} s, "
        f"reading until preview {marks['preview'] - marks['uploaded']:.2f} s, "
        f"preview page {marks['confirm'] - marks['preview']:.2f} s, "
        f"confirm + applying until done {marks['done'] - marks['confirm']:.2f} s, "
        f"slips download {marks['slips'] - marks['done']:.2f} s "
        f"(polling every {POLL_INTERVAL_S} s)"
    )
    if task_times:
        comment(
            "worker (Celery's own timing): "
            + ", ".join(f"{name} {sec:.2f} s" for name, sec in task_times.items())
        )
    if eager:
        comment("eager Celery: the upload and confirm requests include the work")
    by_label = {}
    for label, ms, _status in requests:
        by_label.setdefault(label, []).append(ms)
    comment("requests of the flow (client side, fresh connection each):")
    for label, values in by_label.items():
        comment(
            f"  {label}: {len(values)} x, median {statistics.median(values):.0f} ms, "
            f"max {max(values):.0f} ms"
        )


# --------------------------------------------------------------------------- running


def _load():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _cpu_seconds(pids):
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            total += cpu_ticks(pid)
    return total / CLK_TCK


def measure_on(env, tmp, args, worker=None):
    file_path = write_roster(tmp / "classes-10.xlsx", seed=1)
    comment(
        f"file: {file_path.name}, {ROWS} rows, {file_path.stat().st_size} bytes "
        f"(title rows, dd/mm/yyyy text dates, classes {CLASSES[0]}..{CLASSES[-1]})"
    )
    load_before = _load()
    with serve(env, tmp) as server:
        pids = [server.pid]
        if worker:
            pids += [worker.pid, *children_of(worker.pid)]
        cpu_before = _cpu_seconds(pids)
        import_id, marks, requests, pdf = run_flow(server.port, file_path)
        cpu = _cpu_seconds(pids) - cpu_before
        server.check_same_worker()
    task_times = worker_task_times(worker.log_path) if worker else {}
    report(marks, requests, task_times, eager=worker is None)
    comment(
        f"CPU time of gunicorn's worker and the Celery processes during the flow: "
        f"{cpu:.1f} s over {marks['slips'] - marks['start']:.1f} s wall; "
        f"{os.cpu_count()} CPUs, load average {load_before} before, {_load()} after "
        "(a busy machine stretches the wall time, not the CPU time)"
    )
    check_result(env, import_id, pdf)
    if not args.no_profile:
        profile_apply(env, tmp)


def measure(args, tmp):
    unavailable = None if args.sqlite else services_available()
    if args.sqlite or unavailable:
        comment(
            "services: SQLite + eager Celery (fallback"
            + (f": {unavailable})" if unavailable else ": --sqlite)")
            + "; request times include the background work"
        )
        # The confirm request does the whole apply step: give it time (gunicorn's
        # own --timeout of 60 s still bounds it).
        harness.client.HTTP_TIMEOUT_S = 90
        env = site_env(tmp)
        prepare(env)
        comment("against: gunicorn -w 1 (sync), production settings, SQLite, demo")
        measure_on(env, tmp, args)
        return

    with (
        postgres_database(f"bench_roster_{os.getpid()}") as database_url,
        redis_broker() as broker_url,
    ):
        env = site_env(tmp, database_url, broker_url)
        prepare(env)
        comment(
            f"against: gunicorn -w 1 (sync), production settings, PostgreSQL "
            f"({database_url.rsplit('/', 1)[1]}, dropped at the end), Celery worker "
            f"(prefork, {os.cpu_count()} CPUs) on Redis "
            f"{broker_url.rsplit('/', 1)[1]}, demo content"
        )
        with celery_worker(env, tmp) as worker:
            measure_on(env, tmp, args, worker=worker)


if __name__ == "__main__":
    parser = argument_parser(__doc__)
    parser.add_argument(
        "--sqlite",
        action="store_true",
        help="use the fallback (SQLite, eager Celery) even if the services answer",
    )
    parser.add_argument(
        "--no-profile",
        action="store_true",
        help="skip the in-process breakdown of the apply step",
    )
    sys.exit(main(measure, parser, prefix="bench-roster-import-"))
