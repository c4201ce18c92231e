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
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

REPO = Path(__file__).resolve().parent.parent.parent
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
USER_AGENT = "portal-benchmark"
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


# --------------------------------------------------------------------------- output


def comment(text):
    for line in str(text).splitlines() or [""]:
        print(f"# {line}", flush=True)


def metric(name, value, unit):
    print(f"{name}: {value} {unit}", flush=True)


# --------------------------------------------------------------------------- the site


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
            "DJANGO_PRIVATE_MEDIA_ROOT": str(tmp / "private"),
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


def shell(env, code):
    """Run ``code`` with ``manage.py shell -c``; returns the last line it printed."""
    lines = manage(env, "shell", "-c", code).strip().splitlines()
    if not lines:
        raise BenchmarkError("manage.py shell printed nothing")
    return lines[-1]


def has_load_demo():
    return (REPO / "demo" / "management" / "commands" / "load_demo.py").exists()


def prepare_site(tmp, *, without_demo=False):
    """Settings module, migrated database and demo content in ``tmp``.

    Returns (environment for manage.py and gunicorn, description of the content).
    """
    env = bench_env(tmp)
    (tmp / "bench_settings.py").write_text(BENCH_SETTINGS)
    manage(env, "migrate", "--noinput")
    if has_load_demo():
        manage(env, "load_demo")
        content = "demo content from manage.py load_demo"
    elif without_demo:
        content = "WITHOUT demo content (load_demo missing; --without-demo)"
    else:
        raise BenchmarkError(
            "manage.py load_demo does not exist; pass --without-demo to measure "
            "an empty site"
        )
    return env, content


def create_bare_page(env):
    """A plain ``wagtail.models.Page`` under the home page; returns its path."""
    return shell(env, CREATE_BARE_PAGE).strip()


def collectstatic(env):
    manage(env, "collectstatic", "--noinput", "-v", "0")


# --------------------------------------------------------------------------- HTTP


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def cookie_header(cookies):
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def request(port, method, path, *, headers=None, body=None):
    """One request on a fresh connection (gunicorn's sync worker closes it anyway).

    Returns (status, headers as a list of pairs, body as sent).
    """
    connection = http.client.HTTPConnection(HOST, port, timeout=HTTP_TIMEOUT_S)
    try:
        all_headers = {"Connection": "close", "User-Agent": USER_AGENT}
        all_headers.update(headers or {})
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def get(port, path, accept_gzip=True, cookies=None):
    """GET ``path``; ``cookies`` is a Cookie header value or a dict. Returns
    (status, headers as a dict, body as sent)."""
    headers = {}
    if accept_gzip:
        headers["Accept-Encoding"] = "gzip"
    if isinstance(cookies, dict):
        cookies = cookie_header(cookies)
    if cookies:
        headers["Cookie"] = cookies
    status, header_list, body = request(port, "GET", path, headers=headers)
    return status, dict(header_list), body


@dataclass
class Client:
    """A cookie jar over :func:`request`: enough to sign in and post forms.

    Redirects are not followed: :meth:`request` returns the Location header.
    """

    port: int
    cookies: dict = field(default_factory=dict)

    def request(self, method, path, form=None):
        headers = {"Accept-Encoding": "gzip"}
        if self.cookies:
            headers["Cookie"] = cookie_header(self.cookies)
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://{HOST}:{self.port}"
        status, header_list, raw = request(
            self.port, method, path, headers=headers, body=body
        )
        for name, value in header_list:
            if name.lower() != "set-cookie":
                continue
            for morsel in SimpleCookie(value).values():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(morsel.key, None)
                else:
                    self.cookies[morsel.key] = morsel.value
        header_map = {name.lower(): value for name, value in header_list}
        if header_map.get("content-encoding") == "gzip":
            raw = gzip.decompress(raw)
        location = header_map.get("location")
        if location:
            location = urlsplit(location)._replace(scheme="", netloc="").geturl()
        return status, location, raw

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form=None):
        """POST a form with Django's CSRF token taken from the csrftoken cookie."""
        if "csrftoken" not in self.cookies:
            raise BenchmarkError(f"no CSRF cookie before POST {path}")
        data = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **(form or {})}
        return self.request("POST", path, form=data)

    def sign_in(self, login_path, username, password):
        status, _location, _body = self.get(login_path)
        if status != 200:
            raise BenchmarkError(f"GET {login_path} answered {status}")
        status, location, _body = self.post(
            login_path, {"username": username, "password": password}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise BenchmarkError(
                f"signing in as {username} failed: HTTP {status}, to {location}"
            )


def describe_page(port, name, path, cookies=None):
    """A comment line with the status and HTML size of one page."""
    status, headers, body = get(port, path, cookies=cookies)
    plain = gzip.decompress(body) if headers.get("Content-Encoding") else body
    comment(
        f"{name}: HTTP {status}, HTML {len(plain)} bytes, "
        f"{len(body)} bytes as sent ({headers.get('Content-Encoding', 'none')})"
    )
    return status


# --------------------------------------------------------------------------- gunicorn


def start_gunicorn(env, port, log_path, *, config=None):
    """gunicorn on 127.0.0.1:``port``, in a process group of its own, logging to
    ``log_path``: one sync worker, or with ``config`` that gunicorn settings file (its
    address given through GUNICORN_BIND, as deploy/gunicorn.conf.py reads it)."""
    if config is None:
        options = ["-b", f"{HOST}:{port}", "-w", "1", "--timeout", "60"]
        options += ["--graceful-timeout", "5"]
    else:
        options = ["-c", str(config)]
        env = {**env, "GUNICORN_BIND": f"{HOST}:{port}"}
    log = open(log_path, "wb")  # closed by stop_gunicorn()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", *options],
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


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    pid: int  # the worker's
    log_path: Path

    @property
    def origin(self):
        return f"http://{HOST}:{self.port}"

    def check_same_worker(self):
        if worker_pid(self.process.pid) != self.pid:
            raise BenchmarkError("the gunicorn worker restarted during the measurement")


@contextlib.contextmanager
def serve(env, tmp):
    """gunicorn on a free loopback port, stopped (with its process group) on exit."""
    port = free_port()
    log_path = tmp / "gunicorn.log"
    process = start_gunicorn(env, port, log_path)
    try:
        wait_until_serving(process, port, log_path)
        yield Server(process, port, worker_pid(process.pid), log_path)
    finally:
        stop_gunicorn(process)


# --------------------------------------------------------------------------- CPU


def cpu_ticks(pid):
    stat = Path(f"/proc/{pid}/stat").read_text()
    # Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])


def cpu_seconds_by_process():
    """{pid: (command name, session id, CPU seconds so far)} for every process.

    A process's seconds include those of the children it has reaped (cutime, cstime):
    a gunicorn worker recycled after ``max_requests`` still counts, in its master.
    """
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError):
            text = stat.read_text()
            fields = text[text.rindex(")") + 2 :].split()
            name = text[text.index("(") + 1 : text.rindex(")")]
            ticks = sum(int(value) for value in fields[11:15])
            found[int(stat.parent.name)] = (name, int(fields[3]), ticks / CLK_TCK)
    return found


def cpu_used_between(before, after, groups):
    """CPU seconds each group used between two ``cpu_seconds_by_process()`` readings;
    ``groups`` maps a label to a test of (pid, command name, session id)."""
    used = dict.fromkeys(groups, 0.0)
    for pid, (name, session, seconds) in after.items():
        earlier = before.get(pid)
        spent = seconds - (earlier[2] if earlier and earlier[0] == name else 0.0)
        for label, belongs in groups.items():
            if belongs(pid, name, session):
                used[label] += spent
                break
    return used


def _target(spec):
    """A page to measure: a path, or (path, Cookie header value or dict)."""
    return (spec, None) if isinstance(spec, str) else spec


def warm_up(port, pages, count):
    for _ in range(count):
        for spec in pages.values():
            path, cookies = _target(spec)
            status, _headers, _body = get(port, path, cookies=cookies)
            if status != 200:
                raise BenchmarkError(f"GET {path} answered {status} during warm-up")


def measure_cpu(port, pid, pages, requests_per_page, chunk):
    """ABBA-interleaved chunks; returns {name: (ms per request, latencies in ms)}.

    ``pages`` maps a name to a path or to (path, cookies). With more than two pages
    the order is A-B-C, then C-B-A, and so on.
    """
    ticks = dict.fromkeys(pages, 0)
    latencies = {name: [] for name in pages}
    names = list(pages)
    rounds = max(1, requests_per_page // chunk)
    for round_index in range(rounds):
        order = names if round_index % 2 == 0 else names[::-1]
        for name in order:
            path, cookies = _target(pages[name])
            before = cpu_ticks(pid)
            for _ in range(chunk):
                started = time.perf_counter()
                status, _headers, _body = get(port, path, cookies=cookies)
                latencies[name].append((time.perf_counter() - started) * 1000)
                if status != 200:
                    raise BenchmarkError(f"GET {path} answered {status}")
            ticks[name] += cpu_ticks(pid) - before
    total = rounds * chunk
    return {
        name: (ticks[name] * 1000 / CLK_TCK / total, latencies[name]) for name in pages
    }


def comment_latencies(results, pid):
    for name, (_cpu, latencies) in results.items():
        comment(
            f"{name}: {len(latencies)} requests, wall median "
            f"{statistics.median(latencies):.2f} ms, "
            f"max {max(latencies):.2f} ms (client side, incl. connect)"
        )
    comment(f"CPU from /proc/{pid}/stat utime+stime, {CLK_TCK} ticks/s")


# --------------------------------------------------------------------------- browser


@dataclass(eq=False)
class Response:
    size: int  # encodedDataLength: body as sent plus response headers
    status: object
    encoding: str
    path: str
    resource_type: str


def page_weight(url, cookies=None):
    """Bytes and requests on the wire for a first visit with an empty cache.

    ``cookies``: a dict added to the new browser context for the page's origin (the
    context starts with no cache). Returns (list of :class:`Response`, {request id:
    error text} of failed requests).
    """
    from playwright.sync_api import sync_playwright

    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
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
            if cookies:
                context.add_cookies(
                    [
                        {"name": name, "value": value, "url": origin}
                        for name, value in cookies.items()
                    ]
                )
            context.set_default_timeout(BROWSER_TIMEOUT_MS)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.on(
                "Network.responseReceived",
                lambda event: responses.__setitem__(event["requestId"], event),
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
            if response.url != url:
                raise BenchmarkError(f"browser was sent to {response.url}, not {url}")
            page.wait_for_load_state("networkidle", timeout=BROWSER_TIMEOUT_MS)
            page.wait_for_timeout(500)
            context.close()
        finally:
            browser.close()
    rows = []
    for request_id, size in finished.items():
        event = responses.get(request_id, {})
        response = event.get("response", {})
        headers = {
            name.lower(): value for name, value in response.get("headers", {}).items()
        }
        url_path = response.get("url", "?")
        if url_path.startswith(origin):
            url_path = url_path[len(origin) :] or "/"
        rows.append(
            Response(
                size=int(size),
                status=response.get("status", "?"),
                encoding=headers.get("content-encoding", "identity"),
                path=url_path,
                resource_type=event.get("type", "?"),
            )
        )
    return rows, failed


def comment_responses(rows, failed, excluded=()):
    """Per-response comment lines, largest first; ``excluded`` rows are marked."""
    comment("first visit, bytes received incl. headers, per response:")
    for row in sorted(rows, key=lambda row: (row.size, row.path), reverse=True):
        mark = "  (excluded)" if row in excluded else ""
        comment(f"  {row.size:>8} {row.status} {row.encoding:<8} {row.path}{mark}")
    for request_id, error in failed.items():
        comment(f"  failed request {request_id}: {error}")


# --------------------------------------------------------------------------- running


def add_cpu_arguments(parser, requests=200, chunk=25, warmup=20):
    parser.add_argument("--requests", type=int, default=requests, help="per page")
    parser.add_argument(
        "--chunk", type=int, default=chunk, help="requests per ABBA step"
    )
    parser.add_argument("--warmup", type=int, default=warmup, help="per page")


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
