"""Home page weight on a first visit, and server CPU per request against bare Wagtail.

Run from the repository root with the project's virtualenv:

    .venv/bin/python benchmarks/home_page.py

What it does, all inside a temporary directory that is removed at the end:

1. a fresh SQLite database: ``manage.py migrate``, ``manage.py load_demo``, then a plain
   ``wagtail.models.Page`` is added under the home page (rendered with Wagtail's bundled
   ``wagtailcore/page.html``) as the "bare Wagtail" baseline;
2. ``manage.py collectstatic`` with the production storage (WhiteNoise, hashed and
   pre-compressed files) into a temporary STATIC_ROOT;
3. gunicorn with one sync worker and the production settings on 127.0.0.1, a free port;
4. headless Chromium (system, /usr/bin/chromium) loads the home page with a cold cache;
   bytes are summed from the DevTools protocol (``Network.loadingFinished``);
5. CPU time of the gunicorn worker (utime + stime from /proc/<pid>/stat) over the same
   number of requests to each page, interleaved in ABBA order.

Prints ``name: value unit`` lines (read by ``make bench``) and ``#`` comment lines.
Only 127.0.0.1 is contacted. Every step has a timeout. The machinery is shared with
the other benchmarks in ``benchmarks/harness``.
"""

import sys

from harness import argument_parser, main
from harness.browser import CHROMIUM, comment_responses, page_weight
from harness.client import describe_page
from harness.cpu import add_cpu_arguments, comment_latencies, measure_cpu, warm_up
from harness.output import comment, metric
from harness.servers import serve
from harness.site import collectstatic, create_bare_page, prepare_site


def measure(args, tmp):
    env, content = prepare_site(tmp, without_demo=args.without_demo)
    bare_path = create_bare_page(env)
    collectstatic(env)

    with serve(env, tmp) as server:
        pages = {"home": "/", "bare_wagtail": bare_path}

        comment(
            f"against: gunicorn -w 1 (sync), production settings, SQLite, {content}"
        )
        comment(f"pages: home={pages['home']} bare_wagtail={bare_path}")
        for name, path in pages.items():
            describe_page(server.port, name, path)

        if CHROMIUM.exists():
            rows, failed = page_weight(f"{server.origin}/")
            metric("home_first_visit_bytes", sum(row.size for row in rows), "bytes")
            metric("home_first_visit_requests", len(rows) + len(failed), "requests")
            comment_responses(rows, failed)
        else:
            comment(f"{CHROMIUM} missing: page weight not measured")

        warm_up(server.port, pages, args.warmup)
        results = measure_cpu(server.port, server.pid, pages, args.requests, args.chunk)
        server.check_same_worker()
        metric("home_cpu_ms_per_request", f"{results['home'][0]:.2f}", "ms")
        metric(
            "bare_wagtail_cpu_ms_per_request", f"{results['bare_wagtail'][0]:.2f}", "ms"
        )
        comment_latencies(results, server.pid)


if __name__ == "__main__":
    parser = argument_parser(__doc__)
    add_cpu_arguments(parser)
    parser.add_argument(
        "--without-demo",
        action="store_true",
        help="measure the bare migrated site if load_demo does not exist yet",
    )
    sys.exit(main(measure, parser, prefix="bench-home-page-"))
