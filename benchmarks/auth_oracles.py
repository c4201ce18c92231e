"""Timing oracles of sign-in and password reset (issue 14 finding 9): does the answer
time tell whether an account is still on its temporary password, or whether an
e-mail belongs to someone?

Run from the repository root with the project's virtualenv (Redis on 127.0.0.1 for
the broker, so that queued mail waits in the queue as in production):

    .venv/bin/python benchmarks/auth_oracles.py [--requests 25] [--resets 200]
        [--broker redis://127.0.0.1:6379/13]

What it does, inside a temporary directory that is removed at the end:

1. a fresh SQLite database (``migrate``, ``load_demo``), gunicorn with one sync
   worker and the production settings (the production password hashers: PBKDF2 with
   Django's default work factor, and the roster accounts' temporary hasher), Celery
   publishing to ``--broker`` with no worker consuming (the request's share only);
   sign-in throttling and the reset limits are raised so that they do not answer;
2. two accounts: one on a temporary (roster) password, one on a chosen password;
3. wrong-password sign-ins, interleaved: the temporary account, the regular one, a
   username that does not exist; ``--requests`` of each, wall time of each request
   on the client (one fresh connection each);
4. password-reset requests, interleaved: an e-mail that has an account, one that has
   none; ``--resets`` of each.

Prints medians and the ratios ``signin_ms_temporary_vs_regular_ratio`` and
``password_reset_ms_known_vs_unknown_ratio`` (1.00 = no difference). Before the fix
the issue measured 16 ms against 250 ms (0.06) and 37 ms against 5 ms (7.4).
Only 127.0.0.1 is contacted. Every step has a timeout.
"""

import socket
import statistics
import sys
import textwrap
import time
from urllib.parse import urlsplit

import redis
from harness import argument_parser, main
from harness.client import Client
from harness.output import BenchmarkError, comment, metric
from harness.servers import serve
from harness.site import collectstatic, prepare_site, shell

WRONG = "mat-khau-sai-1"
QUEUE = "celery"  # Celery's default queue: a Redis list
ACCOUNTS = textwrap.dedent(
    """\
    from django.contrib.auth.hashers import make_password

    from people.accounts import hash_temporary_password
    from people.models import User

    User.objects.update_or_create(
        username="bench_tamthoi",
        defaults={"email": "tamthoi@bench.example.vn", "full_name": "Tạm Thời",
                  "password": hash_temporary_password("Tam-thoi-12345")},
    )
    User.objects.update_or_create(
        username="bench_thuong",
        defaults={"email": "thuong@bench.example.vn", "full_name": "Bình Thường",
                  "password": make_password("Mat-khau-rieng-2026")},
    )
    print("ok")
    """
)


def timed_post(client, path, form):
    started = time.perf_counter()
    status, _location, _body = client.post(path, form)
    return status, (time.perf_counter() - started) * 1000


def interleaved(client, path, forms, rounds, expected):
    """{name: [ms, ...]}: one request per name per round, the order alternating."""
    times = {name: [] for name in forms}
    names = list(forms)
    for round_number in range(rounds):
        order = names if round_number % 2 == 0 else names[::-1]
        for name in order:
            status, ms = timed_post(client, path, forms[name])
            if status != expected:
                raise BenchmarkError(f"POST {path} ({name}) answered {status}")
            times[name].append(ms)
    return times


def report_medians(times, prefix, ratios):
    """A ``<prefix>_<name>`` metric per kind (median ms), then each ratio of two
    medians: ``ratios`` maps a metric name to (numerator kind, denominator kind)."""
    medians = {name: statistics.median(ms) for name, ms in times.items()}
    for name, value in medians.items():
        metric(f"{prefix}_{name}", f"{value:.1f}", "ms")
    for ratio, (top, bottom) in ratios.items():
        metric(ratio, f"{medians[top] / medians[bottom]:.2f}", "x")


def broker_answers(url):
    """Only a broker on this machine is used (the benchmark talks to 127.0.0.1)."""
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost"):
        raise BenchmarkError(f"--broker must be on 127.0.0.1: {url}")
    try:
        socket.create_connection(("127.0.0.1", parts.port or 6379), timeout=2).close()
    except OSError:
        return False
    return True


def measure(args, tmp):
    with_broker = broker_answers(args.broker)
    env, content = prepare_site(tmp)
    if shell(env, ACCOUNTS) != "ok":
        raise BenchmarkError("could not create the accounts")
    collectstatic(env)  # the production settings' pages need the manifest
    if with_broker:
        env["CELERY_BROKER_URL"] = env["CELERY_RESULT_BACKEND"] = args.broker
    env.update(
        {
            "DJANGO_LOGIN_FAILURE_LIMIT": "1000000",
            "DJANGO_PASSWORD_RESET_LIMIT_PER_ADDRESS": "1000000",
            "DJANGO_PASSWORD_RESET_LIMIT_PER_EMAIL": "1000000",
        }
    )
    with serve(env, tmp) as server:
        comment(
            f"against: gunicorn -w 1 (sync), production settings, SQLite, {content}"
        )
        comment(
            f"Celery broker {args.broker}, no worker consuming"
            if with_broker
            else f"no broker at {args.broker}: Celery eager, reset not measured"
        )
        client = Client(server.port)
        client.get("/tai-khoan/dang-nhap/")  # the CSRF cookie
        login = "/tai-khoan/dang-nhap/"
        forms = {
            "temporary": {"username": "bench_tamthoi", "password": WRONG},
            "regular": {"username": "bench_thuong", "password": WRONG},
            "unknown": {"username": "bench_khongcoai", "password": WRONG},
        }
        interleaved(client, login, forms, 2, 200)  # warm up
        signin = interleaved(client, login, forms, args.requests, 200)
        report_medians(
            signin,
            "signin_wrong_password_ms",
            {
                "signin_ms_temporary_vs_regular_ratio": ("temporary", "regular"),
                "signin_ms_unknown_vs_regular_ratio": ("unknown", "regular"),
            },
        )

        if not with_broker:
            return
        queue = redis.Redis.from_url(args.broker)
        queued_before = queue.llen(QUEUE)
        try:
            measure_resets(client, args)
        finally:
            # Take back the messages it queued (the newest, at the list's head).
            added = queue.llen(QUEUE) - queued_before
            if added > 0:
                queue.lpop(QUEUE, added)


def measure_resets(client, args):
    reset = "/tai-khoan/quen-mat-khau/"
    client.get(reset)
    forms = {
        "known": {"email": "thuong@bench.example.vn"},
        "unknown": {"email": "khongcoai@bench.example.vn"},
    }
    interleaved(client, reset, forms, 10, 302)  # warm up
    resets = interleaved(client, reset, forms, args.resets, 302)
    report_medians(
        resets,
        "password_reset_ms",
        {"password_reset_ms_known_vs_unknown_ratio": ("known", "unknown")},
    )
    comment(
        f"medians of {args.requests} wrong sign-ins and {args.resets} resets "
        "of each kind, wall time on the client, interleaved"
    )


if __name__ == "__main__":
    parser = argument_parser(__doc__)
    parser.add_argument("--requests", type=int, default=25)
    parser.add_argument("--resets", type=int, default=200)
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/13")
    sys.exit(main(measure, parser, prefix="bench-auth-oracles-"))
