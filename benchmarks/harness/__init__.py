"""Shared machinery of the benchmark scripts (a package, so ``make bench`` skips it).

A benchmark script calls :func:`main` with a function ``measure(args, tmp)``; that
function usually calls :func:`prepare_site`, :func:`create_bare_page`,
:func:`collectstatic` and then measures inside ``with serve(env, tmp) as server:``.

Everything here talks only to 127.0.0.1, works inside the temporary directory that
:func:`main` creates and removes, and has a timeout on every step:

* the site: a fresh SQLite database (``migrate``, ``load_demo``) and a STATIC_ROOT
  filled by ``collectstatic`` with the production storage, served by gunicorn (one
  sync worker) under the production settings, with only STATIC_ROOT moved through a
  small settings module written into the temporary directory;
* HTTP: one request per fresh connection (:func:`get`, :func:`request`), with an
  optional cookie jar (:class:`Client`) for signing in and posting forms;
* server CPU: utime + stime of the gunicorn worker from ``/proc/<pid>/stat`` over
  chunks of requests interleaved A-B-…-B-A (:func:`measure_cpu`);
* page weight: headless system Chromium (``/usr/bin/chromium``, never downloaded)
  through Playwright, bytes from the DevTools ``Network.loadingFinished`` events
  (:func:`page_weight`).

One module per concern: :mod:`.output` (printed lines, the error), :mod:`.site`
(settings, database, demo content, static files), :mod:`.client` (HTTP),
:mod:`.servers` (gunicorn and Celery processes), :mod:`.cpu` (server CPU),
:mod:`.browser` (page weight); the load benchmarks' stack, learners and answer-key
check in :mod:`.stack`, :mod:`.exam_takers`, :mod:`.leaks`, :mod:`.bank`; the
roster import's file, services, flow and profile in the ``roster_*`` and
:mod:`.local_services` modules; the statistics province in :mod:`.province`. The
names most scripts use are re-exported here, with :func:`main`.
"""

import argparse
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .browser import CHROMIUM, CHROMIUM_ARGS, Response, comment_responses, page_weight
from .client import (
    HOST,
    USER_AGENT,
    Client,
    cookie_header,
    describe_page,
    free_port,
    get,
    request,
)
from .cpu import (
    CLK_TCK,
    add_cpu_arguments,
    comment_latencies,
    cpu_seconds_by_process,
    cpu_ticks,
    cpu_used_between,
    measure_cpu,
    warm_up,
)
from .output import BenchmarkError, comment, metric
from .servers import (
    Server,
    children_of,
    serve,
    start_gunicorn,
    stop_gunicorn,
    tail,
    wait_until_serving,
    worker_pid,
)
from .site import (
    BARE_SLUG,
    BENCH_SETTINGS,
    REPO,
    bench_env,
    collectstatic,
    create_bare_page,
    has_load_demo,
    manage,
    prepare_site,
    shell,
)

__all__ = [
    "BARE_SLUG",
    "BENCH_SETTINGS",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "CLK_TCK",
    "HOST",
    "REPO",
    "TOTAL_TIMEOUT_S",
    "USER_AGENT",
    "BenchmarkError",
    "Client",
    "Response",
    "Server",
    "add_cpu_arguments",
    "argument_parser",
    "bench_env",
    "children_of",
    "collectstatic",
    "comment",
    "comment_latencies",
    "comment_responses",
    "cookie_header",
    "cpu_seconds_by_process",
    "cpu_ticks",
    "cpu_used_between",
    "create_bare_page",
    "describe_page",
    "free_port",
    "get",
    "has_load_demo",
    "main",
    "manage",
    "measure_cpu",
    "metric",
    "page_weight",
    "prepare_site",
    "request",
    "serve",
    "shell",
    "start_gunicorn",
    "stop_gunicorn",
    "tail",
    "wait_until_serving",
    "warm_up",
    "worker_pid",
]

# Read when main() starts: a long benchmark raises it before calling main().
TOTAL_TIMEOUT_S = 15 * 60


def _on_alarm(signum, frame):
    raise TimeoutError(f"benchmark took longer than {TOTAL_TIMEOUT_S} s")


def main(measure, parser, prefix):
    """Parse arguments, run ``measure(args, tmp)`` in a temporary directory that is
    always removed, within :data:`TOTAL_TIMEOUT_S`. Returns the exit status."""
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(TOTAL_TIMEOUT_S)
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        measure(args, tmp)
    except (BenchmarkError, TimeoutError, subprocess.TimeoutExpired) as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        signal.alarm(0)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def argument_parser(doc):
    return argparse.ArgumentParser(description=doc.splitlines()[0])
