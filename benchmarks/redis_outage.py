"""Every key request with Redis down answers quickly: the slowest, in milliseconds.

Run from the repository root with the project's virtualenv:

    .venv/bin/python benchmarks/redis_outage.py

The production settings (gunicorn, one sync worker, ``benchmarks/harness``) on a
fresh SQLite database with the demo content, with ``REDIS_URL`` (cache and sessions)
and ``CELERY_BROKER_URL`` (the broker; results go there too by default) pointing at a
Redis that is down, in two ways, one gunicorn each:

* ``refused``: nothing listens on the port (Redis stopped; connections refused);
* ``silent``: a socket accepts connections and never answers (Redis hung, or a
  network path that drops packets): every command waits for its socket timeout.

Over HTTP with a cookie jar, like a browser: the home page; a learner signs in,
opens a lesson and submits the last quiz of a course with the right answers (the
submit completes the course and requests a certificate: a task for the broker);
the demo coordinator uploads a class list (another task) and opens its page; 40
certificate look-ups from one address (limit 30 per 5 minutes); the demo department
viewer opens the statistics. The learner (every lesson read, an attempt open on the
last quiz) is prepared with ``manage.py shell`` before gunicorn starts.

Before each key request (home, lesson, quiz submit, roster upload, the first
look-up, statistics) it waits until the app's circuit breakers (core/circuit.py)
have closed again, so each one pays the full cost of finding Redis down. Prints
``max_request_ms_redis_down`` (the slowest key request over both ways; target
≤ 2,000 ms), and ``#`` lines per request (sign-in included: its password hashing
costs about half a second whatever Redis does), the HTTP statuses, how many
look-ups were refused (429) and what the upload's page says. Only 127.0.0.1 is
contacted; the temporary directory, gunicorn and the silent socket are removed or
stopped at the end.
"""

import contextlib
import json
import re
import socket
import textwrap
import threading
import time
import uuid
from html import unescape

import harness
from harness import (
    HOST,
    REPO,
    BenchmarkError,
    Client,
    argument_parser,
    collectstatic,
    comment,
    cookie_header,
    free_port,
    main,
    metric,
    prepare_site,
    request,
    serve,
    shell,
)

MODES = ("refused", "silent")
PASSWORD = "demo-2026"  # the published password of the demo accounts
LOGIN_PATH = "/tai-khoan/dang-nhap/"
UPLOAD_PATH = "/dieu-phoi/nhap-danh-sach/"
STATS_PATH = "/thong-ke/"
LOOKUP_PATH = "/chung-nhan/xac-minh/7KQ4M2XD9PTRA/"
LOOKUPS = 40
ROSTER = REPO / "tests" / "data" / "roster_10A1_utf8-bom.csv"
TARGET_MS = 2000
BREAKER_RETRY_AFTER_S = 5  # core/circuit.py
KEY_REQUESTS = {
    "home",
    "lesson",
    "quiz submit (completes the course)",
    "roster upload",
    "first certificate look-up",
    "statistics",
}

SETUP = textwrap.dedent(
    """\
    import json

    from courses import quiz as engine
    from courses.completion import mark_lesson_done
    from courses.models import CoursePage, Enrolment, LessonPage, QuizPage
    from people.models import User

    MODES = {modes!r}
    course = next(
        c for c in CoursePage.objects.live().order_by("path")
        if QuizPage.objects.child_of(c).live().exists()
    )
    lessons = list(LessonPage.objects.child_of(course).live())
    quizzes = list(QuizPage.objects.child_of(course).live())
    out = {{"lesson": lessons[0].url, "course": course.title}}
    for mode in MODES:
        user = User.objects.create_user(
            username=f"mat-redis-{{mode}}", password="{password}",
            full_name="Lò Văn Thử", must_change_password=False,
        )
        enrolment = Enrolment.objects.create(user=user, course=course)
        for lesson in lessons:
            mark_lesson_done(enrolment, lesson)
        for page in quizzes[:-1]:
            attempt = engine.start_attempt(enrolment, page, course=course)
            engine.submit_attempt(
                attempt, {{q["key"]: q["correct"] for q in attempt.snapshot}}
            )
        last = quizzes[-1]
        attempt = engine.start_attempt(enrolment, last, course=course)
        out[mode] = {{
            "username": user.username,
            "submit": last.url + last.reverse_subpage("submit", args=[attempt.pk]),
            "answers": {{q["key"]: q["correct"] for q in attempt.snapshot}},
        }}
    print(json.dumps(out))
    """
)


@contextlib.contextmanager
def silent_redis(port):
    """Accepts connections on ``port`` and never answers; closed on exit."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((HOST, port))
    server.listen(512)
    server.settimeout(0.2)
    held, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(server.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)
        for connection in held:
            connection.close()
        server.close()


def closed_port(port):
    with socket.socket() as probe:
        if probe.connect_ex((HOST, port)) == 0:
            raise BenchmarkError(f"port {port} is in use: it must be closed")
    return port


class Timed:
    """Every request with its wall time, client side. Before each key request it
    waits until the app's circuit breakers have closed again (RETRY_AFTER, 5 s), so
    that request pays the full cost of finding Redis down: the worst case."""

    def __init__(self, pause):
        self.pause = pause
        self.requests = []  # (label, ms, status)

    def __call__(self, label, call, *args, **kwargs):
        if label in KEY_REQUESTS:
            time.sleep(self.pause)
        started = time.perf_counter()
        result = call(*args, **kwargs)
        self.requests.append((label, (time.perf_counter() - started) * 1000, result[0]))
        return result


def csrf_from(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise BenchmarkError("no CSRF token in the form")
    return unescape(match.group(1))


def upload(client, fields, path):
    boundary = f"----bench{uuid.uuid4().hex}"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
        f"\r\n\r\n{value}\r\n".encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{path.name}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
        + path.read_bytes()
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    headers = {
        "Cookie": cookie_header(client.cookies),
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Origin": f"http://{HOST}:{client.port}",
    }
    status, header_list, _body = request(
        client.port, "POST", UPLOAD_PATH, headers=headers, body=b"".join(parts)
    )
    location = {k.lower(): v for k, v in header_list}.get("location", "")
    return status, location.replace(f"http://{HOST}:{client.port}", "")


def sign_in(timed, port, username):
    client = Client(port)
    timed("sign-in form", client.get, LOGIN_PATH)
    status, location, _body = timed(
        "sign in",
        client.post,
        LOGIN_PATH,
        {"username": username, "password": PASSWORD},
    )
    if status != 302 or "sessionid" not in client.cookies:
        raise BenchmarkError(f"signing in as {username}: HTTP {status}")
    return client


def look_up(port, address):
    """A look-up from ``address`` (gunicorn trusts the loopback proxy's header)."""
    return request(port, "GET", LOOKUP_PATH, headers={"X-Forwarded-For": address})


def run_mode(port, learner, lesson, address, pause):
    timed = Timed(pause)
    timed("home", harness.get, port, "/")

    client = sign_in(timed, port, learner["username"])
    timed("lesson", client.get, lesson)
    form = {key: choices[0] for key, choices in learner["answers"].items()}
    status, location, _body = timed(
        "quiz submit (completes the course)", client.post, learner["submit"], form
    )
    if status != 302:
        raise BenchmarkError(f"quiz submit answered {status}")
    timed("quiz result", client.get, location)

    coordinator = sign_in(timed, port, "giaovien")
    _status, _location, body = timed("upload form", coordinator.get, UPLOAD_PATH)
    html = body.decode()
    fields = {
        "csrfmiddlewaretoken": csrf_from(html),
        "organisation": re.search(
            r'<select name="organisation".*?<option value="(\d+)" selected', html, re.S
        ).group(1),
        "school_year": unescape(
            re.search(r'name="school_year" value="([^"]+)"', html).group(1)
        ),
        "default_class_name": "",
    }
    status, location = timed("roster upload", upload, coordinator, fields, ROSTER)
    if status != 302:
        raise BenchmarkError(f"roster upload answered {status}")
    _status, _location, body = timed("roster import page", coordinator.get, location)
    waiting = "Đang chờ xử lý" in body.decode()

    statuses = [timed("first certificate look-up", look_up, port, address)[0]]
    statuses += [
        timed("certificate look-up", look_up, port, address)[0]
        for _ in range(LOOKUPS - 1)
    ]
    viewer = sign_in(timed, port, "sogd")
    timed("statistics", viewer.get, STATS_PATH)
    return timed.requests, waiting, statuses


def report(mode, requests, waiting, statuses):
    by_label = {}
    for label, ms, status in requests:
        slowest, codes = by_label.setdefault(label, [0.0, set()])
        by_label[label][0] = max(slowest, ms)
        codes.add(status)
    for label, (slowest, codes) in by_label.items():
        comment(f"{mode}: {label}: max {slowest:.0f} ms, HTTP {sorted(codes)}")
    refused = statuses.count(429)
    comment(f"{mode}: certificate look-ups refused (429): {refused} of {len(statuses)}")
    comment(f"{mode}: the upload's page says 'Đang chờ xử lý': {waiting}")
    server_errors = sum(1 for _l, _ms, status in requests if status >= 500)
    comment(f"{mode}: server errors: {server_errors}")
    return max(ms for label, ms, _status in requests if label in KEY_REQUESTS)


def measure(args, tmp):
    env, content = prepare_site(tmp)
    collectstatic(env)
    setup = json.loads(shell(env, SETUP.format(modes=MODES, password=PASSWORD)))
    comment(f"site: {content}; course {setup['course']!r}; production settings")
    slowest = {}
    ports = {"refused": closed_port(args.refused_port or free_port())}
    ports["silent"] = args.silent_port or free_port()
    for number, mode in enumerate(MODES):
        url = f"redis://{HOST}:{ports[mode]}/0"
        mode_env = {**env, "REDIS_URL": url, "CELERY_BROKER_URL": url}
        silent = mode == "silent"
        guard = silent_redis(ports[mode]) if silent else contextlib.nullcontext()
        with guard, serve(mode_env, tmp) as server:
            requests, waiting, statuses = run_mode(
                server.port,
                setup[mode],
                setup["lesson"],
                f"203.0.113.{number + 1}",  # a fresh address: its own limit
                args.pause,
            )
        slowest[mode] = report(mode, requests, waiting, statuses)
    for mode, ms in slowest.items():
        comment(f"{mode}: slowest key request {ms:.0f} ms")
    metric("max_request_ms_redis_down", round(max(slowest.values())), "ms")
    comment(f"target: <= {TARGET_MS} ms")


def parser():
    p = argument_parser(__doc__)
    p.add_argument("--refused-port", type=int, help="a closed port (default: free)")
    p.add_argument("--silent-port", type=int, help="for the silent Redis")
    p.add_argument(
        "--pause",
        type=float,
        default=BREAKER_RETRY_AFTER_S + 0.2,
        help="seconds before each key request (breakers closed again)",
    )
    return p


if __name__ == "__main__":
    raise SystemExit(main(measure, parser(), "bench-redis-outage-"))
