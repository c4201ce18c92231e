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
Only 127.0.0.1 is contacted. Every step has a timeout.
"""

import argparse
import contextlib
import gzip
import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
HOST = "127.0.0.1"
BARE_SLUG = "bench-bare-wagtail"
TOTAL_TIMEOUT_S = 15 * 60
COMMAND_TIMEOUT_S = 10 * 60
HTTP_TIMEOUT_S = 15
BROWSER_TIMEOUT_MS = 30_000
CLK_TCK = os.sysconf("SC_CLK_TCK")
SERVICE_VARS = {
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
}

# The settings the benchmark runs under: production, with only STATIC_ROOT moved into
# the temporary directory (config/settings/base.py fixes it to <repo>/staticfiles, and
# a stale copy there would be served to the test suite by WhiteNoise).
BENCH_SETTINGS = textwrap.dedent(
    """\
    import os

    from config.settings.production import *  # noqa: F403

    STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
    """
)

CREATE_BARE_PAGE = textwrap.dedent(
    f"""\
    from wagtail.models import Page, Site

    from home.models import HomePage

    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk, "the default site must start at the home page"
    bare = home.add_child(instance=Page(title="Bare Wagtail page", slug="{BARE_SLUG}"))
    bare.save_revision().publish()
    print(bare.get_url_parts()[2])
    """
)


class BenchmarkError(Exception):
    pass


def on_alarm(signum, frame):
    raise TimeoutError(f"benchmark took longer than {TOTAL_TIMEOUT_S} s")


def comment(text):
    for line in str(text).splitlines() or [""]:
        print(f"# {line}", flush=True)


def metric(name, value, unit):
    print(f"{name}: {value} {unit}", flush=True)


def bench_env(tmp):
    # The embedded default: no PostgreSQL, Redis or broker even if the caller has them.
    env = {key: value for key, value in os.environ.items() if key not in SERVICE_VARS}
    env.update(
        {
            "PYTHONPATH": os.pathsep.join([str(tmp), str(REPO)]),
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "BENCH_STATIC_ROOT": str(tmp / "static"),
            "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
            "DJANGO_MEDIA_ROOT": str(tmp / "media"),
            "DJANGO_SECRET_KEY": "bench-only",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def manage(env, *args, timeout=COMMAND_TIMEOUT_S):
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(
        command,
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise BenchmarkError(
            f"{' '.join(args[:2])} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result.stdout


def has_load_demo():
    return (REPO / "home" / "management" / "commands" / "load_demo.py").exists()


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(port, path, accept_gzip=True):
    """One request on a fresh connection (gunicorn's sync worker closes it anyway)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=HTTP_TIMEOUT_S)
    try:
        headers = {"Connection": "close", "User-Agent": "portal-benchmark"}
        if accept_gzip:
            headers["Accept-Encoding"] = "gzip"
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        return response.status, dict(response.getheaders()), body
    finally:
        connection.close()


def start_gunicorn(env, port, log_path):
    log = open(log_path, "wb")  # closed by stop_gunicorn()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-b",
            f"{HOST}:{port}",
            "-w",
            "1",
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process.log_file = log
    return process


def stop_gunicorn(process):
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
    process.log_file.close()


def tail(path, chars=3000):
    return path.read_text(errors="replace")[-chars:]


def wait_until_serving(process, port, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkError(
                f"gunicorn exited ({process.returncode}):\n{tail(log_path)}"
            )
        with contextlib.suppress(OSError):
            status, _headers, _body = get(port, "/")
            if status == 200:
                return
            raise BenchmarkError(f"GET / answered {status}:\n{tail(log_path)}")
        time.sleep(0.2)
    raise BenchmarkError(f"gunicorn did not answer within {timeout} s")


def children_of(pid):
    """Child pids, from /proc/<pid>/task/*/children or else by scanning /proc."""
    tasks = list(Path(f"/proc/{pid}/task").glob("*/children"))
    if tasks:
        children = []
        for task in tasks:
            with contextlib.suppress(FileNotFoundError):
                children += [int(child) for child in task.read_text().split()]
        return children
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            text = stat.read_text()
            if int(text[text.rindex(")") + 2 :].split()[1]) == pid:
                children.append(int(stat.parent.name))
    return children


def worker_pid(master_pid, timeout=30):
    deadline = time.monotonic() + timeout
    children = []
    while time.monotonic() < deadline:
        children = children_of(master_pid)
        if len(children) == 1:
            return children[0]
        time.sleep(0.2)
    raise BenchmarkError(f"expected one gunicorn worker, found {children}")


def cpu_ticks(pid):
    stat = Path(f"/proc/{pid}/stat").read_text()
    # Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])


def page_weight(url):
    """Bytes and requests on the wire for a first visit with an empty cache."""
    from playwright.sync_api import sync_playwright

    finished = {}
    failed = {}
    responses = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(
                viewport={"width": 360, "height": 740}, locale="vi-VN"
            )
            context.set_default_timeout(BROWSER_TIMEOUT_MS)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.on(
                "Network.responseReceived",
                lambda event: responses.__setitem__(
                    event["requestId"], event["response"]
                ),
            )
            cdp.on(
                "Network.loadingFinished",
                lambda event: finished.__setitem__(
                    event["requestId"], event["encodedDataLength"]
                ),
            )
            cdp.on(
                "Network.loadingFailed",
                lambda event: failed.__setitem__(
                    event["requestId"], event.get("errorText", "")
                ),
            )
            cdp.send("Network.enable")
            response = page.goto(url, wait_until="load", timeout=BROWSER_TIMEOUT_MS)
            if response is None or response.status != 200:
                raise BenchmarkError(f"browser got {response and response.status}")
            page.wait_for_load_state("networkidle", timeout=BROWSER_TIMEOUT_MS)
            page.wait_for_timeout(500)
            context.close()
        finally:
            browser.close()
    rows = []
    for request_id, size in finished.items():
        response = responses.get(request_id, {})
        url_path = response.get("url", "?").replace(url.rstrip("/"), "")
        encoding = response.get("headers", {}).get("Content-Encoding") or response.get(
            "headers", {}
        ).get("content-encoding", "identity")
        rows.append((int(size), response.get("status", "?"), encoding, url_path))
    return rows, failed


def measure_cpu(port, pid, pages, requests_per_page, chunk):
    """ABBA-interleaved chunks; returns {name: (ms per request, latencies in ms)}."""
    ticks = dict.fromkeys(pages, 0)
    latencies = {name: [] for name in pages}
    names = list(pages)
    rounds = max(1, requests_per_page // chunk)
    for round_index in range(rounds):
        order = names if round_index % 2 == 0 else names[::-1]
        for name in order:
            path = pages[name]
            before = cpu_ticks(pid)
            for _ in range(chunk):
                started = time.perf_counter()
                status, _headers, _body = get(port, path)
                latencies[name].append((time.perf_counter() - started) * 1000)
                if status != 200:
                    raise BenchmarkError(f"GET {path} answered {status}")
            ticks[name] += cpu_ticks(pid) - before
    total = rounds * chunk
    return {
        name: (ticks[name] * 1000 / CLK_TCK / total, latencies[name]) for name in pages
    }


def run(args, tmp):
    env = bench_env(tmp)
    (tmp / "bench_settings.py").write_text(BENCH_SETTINGS)

    manage(env, "migrate", "--noinput")
    if has_load_demo():
        manage(env, "load_demo")
        content = "demo content from manage.py load_demo"
    elif args.without_demo:
        content = "WITHOUT demo content (load_demo missing; --without-demo)"
    else:
        raise BenchmarkError(
            "manage.py load_demo does not exist; pass --without-demo to measure "
            "an empty site"
        )
    bare_path = manage(env, "shell", "-c", CREATE_BARE_PAGE).strip().splitlines()[-1]
    manage(env, "collectstatic", "--noinput", "-v", "0")

    port = free_port()
    log_path = tmp / "gunicorn.log"
    process = start_gunicorn(env, port, log_path)
    try:
        wait_until_serving(process, port, log_path)
        pid = worker_pid(process.pid)
        pages = {"home": "/", "bare_wagtail": bare_path}

        comment(
            f"against: gunicorn -w 1 (sync), production settings, SQLite, {content}"
        )
        comment(f"pages: home={pages['home']} bare_wagtail={bare_path}")
        for name, path in pages.items():
            status, headers, body = get(port, path)
            plain = gzip.decompress(body) if headers.get("Content-Encoding") else body
            comment(
                f"{name}: HTTP {status}, HTML {len(plain)} bytes, "
                f"{len(body)} bytes as sent ({headers.get('Content-Encoding', 'none')})"
            )

        if CHROMIUM.exists():
            rows, failed = page_weight(f"http://{HOST}:{port}/")
            metric("home_first_visit_bytes", sum(row[0] for row in rows), "bytes")
            metric("home_first_visit_requests", len(rows) + len(failed), "requests")
            comment("first visit, bytes received incl. headers, per response:")
            for size, status, encoding, path in sorted(rows, reverse=True):
                comment(f"  {size:>8} {status} {encoding:<8} {path}")
            for request_id, error in failed.items():
                comment(f"  failed request {request_id}: {error}")
        else:
            comment(f"{CHROMIUM} missing: page weight not measured")

        for _ in range(args.warmup):
            for path in pages.values():
                get(port, path)
        results = measure_cpu(port, pid, pages, args.requests, args.chunk)
        if worker_pid(process.pid) != pid:
            raise BenchmarkError("the gunicorn worker restarted during the measurement")
        metric("home_cpu_ms_per_request", f"{results['home'][0]:.2f}", "ms")
        metric(
            "bare_wagtail_cpu_ms_per_request", f"{results['bare_wagtail'][0]:.2f}", "ms"
        )
        for name, (_cpu, latencies) in results.items():
            comment(
                f"{name}: {len(latencies)} requests, wall median "
                f"{statistics.median(latencies):.2f} ms, "
                f"max {max(latencies):.2f} ms (client side, incl. connect)"
            )
        comment(f"CPU from /proc/{pid}/stat utime+stime, {CLK_TCK} ticks/s")
    finally:
        stop_gunicorn(process)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="per page")
    parser.add_argument("--chunk", type=int, default=25, help="requests per ABBA step")
    parser.add_argument("--warmup", type=int, default=20, help="per page")
    parser.add_argument(
        "--without-demo",
        action="store_true",
        help="measure the bare migrated site if load_demo does not exist yet",
    )
    args = parser.parse_args()

    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(TOTAL_TIMEOUT_S)
    tmp = Path(tempfile.mkdtemp(prefix="bench-home-page-"))
    try:
        run(args, tmp)
    except (BenchmarkError, TimeoutError, subprocess.TimeoutExpired) as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        signal.alarm(0)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
