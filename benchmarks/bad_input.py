"""Bad input against a production-style server: no 5xx, no partial writes.

Seeds the fuzz world of tests/fuzz/world.py into a fresh PostgreSQL database
(``--database-url``, default a scratch ``portal_bench_bad_input``, made anew),
serves it with gunicorn under the production settings (Redis for cache and
broker, ``--redis-url``; no worker, so queued tasks only wait), and sends a seeded
budget of the fuzz suite's generators
(tests/fuzz/generators.py) over HTTP: every route of the URL configuration and of
the page types, in turn, as each role in turn (anonymous, learner, coordinator,
viewer, editor, superuser; sessions made directly, CSRF token sent as a header).
After each request it fingerprints the tables that matter; a refused request
(4xx, or a page showing form errors) that changed them is a partial write.

Prints ``bad_inputs_tried``, ``server_errors``, ``partial_writes``,
``routes_covered`` and ``routes_total``, then one comment line per distinct server
error (route, role, method, the exception from gunicorn's log).
"""

import json
import os
import re
import sys
import uuid
from collections import Counter
from urllib.parse import urlencode, urlsplit

import harness

REPO = harness.REPO
ERROR_MARKERS = re.compile(
    r'class="[^"]*(errorlist|error-message|w-field__errors|help-critical)'
)


def parser():
    p = harness.argument_parser(__doc__)
    p.add_argument("--inputs", type=int, default=6000)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/portal_bench_bad_input",
    )
    p.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    return p


def fresh_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def setup_django(env, tmp):
    os.environ.update(env)
    sys.path[:0] = [str(tmp), str(REPO)]
    import django

    django.setup()


def sessions_for(users):
    """{role: Cookie header}: a session per signed-in role, and a CSRF token."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.middleware.csrf import _get_new_csrf_string
    from django.utils.module_loading import import_string

    store_class = import_string(settings.SESSION_ENGINE + ".SessionStore")
    csrf = _get_new_csrf_string()
    cookies = {}
    for role, user in users.items():
        jar = {settings.CSRF_COOKIE_NAME: csrf}
        if user is not None:
            session = store_class()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.save()
            jar[settings.SESSION_COOKIE_NAME] = session.session_key
        cookies[role] = "; ".join(f"{k}={v}" for k, v in jar.items())
    return cookies, csrf


def encode(request):
    """(body, content type) for a generated request."""
    if request.json_body is not None:
        return request.json_body, "application/json"
    if request.method in ("GET", "HEAD", "DELETE", "OPTIONS"):
        return None, None
    if not request.files:
        body = urlencode(request.data).encode()
        return body, "application/x-www-form-urlencoded"
    boundary = uuid.uuid4().hex
    chunks = []
    for name, value in request.data:
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{_q(name)}"'
            f"\r\n\r\n".encode()
            + value.encode("utf-8", "surrogatepass")
            + b"\r\n"
        )
    for name, filename, content, kind in request.files:
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{_q(name)}"; '
            f'filename="{_q(filename)}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def _q(text):
    return text.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def send(port, request, cookie, csrf):
    from urllib.parse import quote

    path = quote(request.path, safe="/%:@!$&'()*+,;=-._~")
    if request.query:
        path += "?" + urlencode(request.query)
    body, kind = encode(request)
    headers = {"Cookie": cookie, "X-CSRFToken": csrf}
    if kind:
        headers["Content-Type"] = kind
    try:
        status, header_list, raw = harness.request(
            port, request.method, path, headers=headers, body=body
        )
    except Exception as error:  # a dropped connection counts as a server error
        return 599, f"{type(error).__name__}: {error}"
    return status, raw.decode("utf-8", "replace")


def log_errors(log_path, offset):
    """The last exception line gunicorn's log gained since ``offset`` (plain or
    JSON log lines), and the new offset."""
    text = log_path.read_text(errors="replace")
    found = ""
    for line in text[offset:].splitlines():
        if line.startswith("{"):
            try:
                line = json.loads(line).get("exception") or ""
            except ValueError:
                continue
        for candidate in line.splitlines():
            if re.match(r"^[\w.]+(Error|Exception|Exit)\b", candidate):
                found = candidate[:200]
    return found, len(text)


def measure(args, tmp):
    env = harness.bench_env(tmp)
    env.update(
        {
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "CELERY_BROKER_URL": args.redis_url,
            "DJANGO_LOG_LEVEL": "ERROR",
        }
    )
    (tmp / "bench_settings.py").write_text(harness.BENCH_SETTINGS)
    fresh_database(args.database_url)
    flush_redis(args.redis_url)
    harness.manage(env, "migrate", "--noinput")
    harness.collectstatic(env)
    setup_django(env, tmp)

    from hypothesis import HealthCheck, Phase, given, seed, settings

    from tests.fuzz.fingerprint import changed_tables, fingerprint
    from tests.fuzz.generators import form_fields, request_for
    from tests.fuzz.routes import all_routes, fill, page_routes, resolves_to
    from tests.fuzz.world import ROLES, build_world

    world = build_world()
    from tests.fuzz.routes import id_pools

    pools = id_pools()
    routes = list({r.key: r for r in [*all_routes(), *page_routes()]}.values())
    cookies, csrf = sessions_for(world.users)
    harness.comment(f"{len(routes)} routes; world seeded into {args.database_url}")

    with harness.serve(env, tmp) as server:
        fields = {}
        for route in routes:
            values = [pools.get(name, ["1"])[0] for name, _kind in route.parts]
            path = fill(route, values)
            names, files = [], []
            for role in ("superuser", "coordinator", "learner"):
                status, page = send(
                    server.port,
                    type(
                        "R",
                        (),
                        {
                            "method": "GET",
                            "path": path,
                            "query": [],
                            "json_body": None,
                            "data": [],
                            "files": [],
                        },
                    )(),
                    cookies[role],
                    csrf,
                )
                if status == 200:
                    more, more_files = form_fields(page)
                    names += more
                    files += more_files
            fields[route.key] = (list(dict.fromkeys(names)), list(dict.fromkeys(files)))

        tried = Counter()
        covered = set()
        errors, writes = [], []
        state = {"fp": fingerprint(), "log": 0}

        pairs = len(routes) * len(ROLES)
        base, extra = divmod(args.inputs, pairs)

        def fuzz(route, role, budget):
            names, files = fields[route.key]

            @settings(
                max_examples=budget,
                database=None,
                deadline=None,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @seed(args.seed)
            @given(request_for(route, pools, names, files, (role,)))
            def run(request):
                status, page = send(server.port, request, cookies[role], csrf)
                tried[route.key] += 1
                if resolves_to(route, request.path):
                    covered.add(route.key)
                after = fingerprint()
                if status >= 500:
                    error, state["log"] = log_errors(server.log_path, state["log"])
                    errors.append((route.label, role, request.method, status, error))
                refused = 400 <= status < 500 or (
                    status == 200 and ERROR_MARKERS.search(page)
                )
                if refused and after != state["fp"]:
                    writes.append(
                        (
                            route.label,
                            role,
                            request.method,
                            status,
                            changed_tables(state["fp"], after),
                        )
                    )
                state["fp"] = after

            run()

        pair = 0
        for role in ROLES:  # each role through every route, then the next role
            for route in routes:
                budget = base + (1 if pair < extra else 0)
                pair += 1
                if budget:
                    fuzz(route, role, budget)

    harness.metric("bad_inputs_tried", sum(tried.values()), "requests")
    harness.metric("server_errors", len(errors), "responses")
    harness.metric("partial_writes", len(writes), "requests")
    harness.metric("routes_covered", len(covered), "routes")
    harness.metric("routes_total", len(routes), "routes")
    for (label, role, method, status, error), count in Counter(errors).most_common():
        harness.comment(f"5xx ×{count}: {role} {method} {label} → {status} {error}")
    for label, role, method, status, tables in writes[:30]:
        harness.comment(f"partial write: {role} {method} {label} {status} {tables}")
    for route in routes:
        if route.key not in covered:
            harness.comment(f"not covered: {route.label}")
    print(json.dumps({"seed": args.seed}), file=sys.stderr)


if __name__ == "__main__":
    harness.TOTAL_TIMEOUT_S = 45 * 60  # 6,000 requests, each fingerprinted
    sys.exit(harness.main(measure, parser(), "bad-input-"))
