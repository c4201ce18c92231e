"""The production stack on this machine, and a crowd of learners to put on it.

Shared by the load benchmarks (quiz_load.py, exam_day.py): a scratch PostgreSQL
database, a private redis-server, gunicorn with the deployment's settings plus one
Celery worker, and a bounded async HTTP client (aiohttp) with a cookie jar per
learner. Everything listens on 127.0.0.1 and is stopped on the way out.

``--ports 8320-8339`` keeps the servers' ports inside a range (machines shared by
several people); ``--database-prefix`` names the scratch database. The server is
the one ``DATABASE_URL`` names when it is PostgreSQL (``make bench`` sets it),
else 127.0.0.1:5432 as user postgres.
"""

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import textwrap
import time
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import aiohttp
import httpx

from .client import HOST, free_port
from .output import BenchmarkError
from .servers import (
    celery_worker_command,
    start_gunicorn,
    start_in_own_group,
    stop_gunicorn,
    tail,
)
from .site import BENCH_SETTINGS, REPO, bench_env, collectstatic, manage

PASSWORD = "thi-thu-2026"  # noqa: S105 (benchmark accounts in a throw-away database)

# Accounts imported from a roster sign in with the temporary-password hasher; listing
# it first spares each sign-in the default PBKDF2 re-hash (~0.4 s of CPU), the cost
# of a learner's very first sign-in, normally long before the exam.
LOAD_SETTINGS = BENCH_SETTINGS + textwrap.dedent(
    """\
    PASSWORD_HASHERS = [
        "people.hashers.TemporaryPasswordHasher",
        *[h for h in PASSWORD_HASHERS if h != "people.hashers.TemporaryPasswordHasher"],
    ]
    """
)


def add_stack_arguments(parser, *, concurrency=64, database_prefix="bench_"):
    parser.add_argument("--concurrency", type=int, default=concurrency)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per process")
    parser.add_argument("--http-timeout", type=float, default=30, help="seconds")
    parser.add_argument(
        "--ports", default=None, help="a range such as 8320-8339 for redis, gunicorn"
    )
    parser.add_argument(
        "--database-prefix",
        default=database_prefix,
        help="the scratch database's name starts with this",
    )


# --------------------------------------------------------------------------- services


class Ports:
    """Free loopback ports, from ``spec`` ("8320-8339") when given."""

    def __init__(self, spec=None):
        self.candidates = None
        if spec:
            low, _, high = spec.partition("-")
            self.candidates = list(range(int(low), int(high or low) + 1))

    def take(self):
        if self.candidates is None:
            return free_port()
        while self.candidates:
            port = self.candidates.pop(0)
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                try:
                    sock.bind((HOST, port))
                except OSError:
                    continue
                return port
        raise BenchmarkError("no free port left in --ports")


def postgres_server():
    """(host, port, user) of the PostgreSQL server to make scratch databases on."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        return parts.hostname or HOST, parts.port or 5432, parts.username or "postgres"
    return HOST, 5432, "postgres"


@contextmanager
def own_database(prefix):
    host, port, user = postgres_server()
    name = f"{prefix}{int(time.time())}_{os.getpid()}"
    where = ["-h", host, "-p", str(port), "-U", user]
    subprocess.run(["createdb", *where, name], check=True, timeout=60)
    try:
        yield f"postgres://{user}@{host}:{port}/{name}"
    finally:
        subprocess.run(["dropdb", *where, "--force", name], check=False, timeout=60)


@contextmanager
def own_redis(tmp, ports):
    binary = shutil.which("redis-server")
    if binary is None:
        raise BenchmarkError("redis-server is not installed")
    port = ports.take()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly"]
        + ["no", "--dir", str(tmp)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.5)
        yield f"redis://{HOST}:{port}/0", process.pid
    finally:
        process.terminate()
        process.wait(timeout=15)


def stack_env(tmp, database_url, redis_url):
    """The environment of manage.py, gunicorn and the worker, settings written."""
    env = bench_env(tmp)
    env.update(
        {
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            "CELERY_RESULT_BACKEND": redis_url,
            "DJANGO_LOG_LEVEL": "ERROR",
        }
    )
    (tmp / "bench_settings.py").write_text(LOAD_SETTINGS)
    return env


@contextmanager
def migrated_stack(args, tmp):
    """A scratch database and a private redis-server (within ``--ports``), the
    environment on them, migrated and with the static files collected.

    Yields (environment, the :class:`Ports` left for the web server, redis's pid).
    """
    ports = Ports(args.ports)
    with (
        own_database(args.database_prefix) as database_url,
        own_redis(tmp, ports) as (redis_url, redis_pid),
    ):
        env = stack_env(tmp, database_url, redis_url)
        manage(env, "migrate", "--noinput")
        collectstatic(env)
        yield env, ports, redis_pid


@contextmanager
def production_stack(env, tmp, workers, threads, ports):
    """gunicorn and one Celery worker; both stopped with their process groups.

    Yields (origin, {"web": gunicorn's session id, "worker": the worker's}).
    """
    port = ports.take()
    log_path = tmp / "gunicorn.log"
    # The deployment's own gunicorn settings (access log included), sized by the
    # same variables an operator sets.
    web_env = {
        **env,
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": str(threads),
        "GUNICORN_TIMEOUT": "60",
    }
    web = start_gunicorn(
        web_env, port, log_path, config=REPO / "deploy" / "gunicorn.conf.py"
    )
    worker = start_in_own_group(
        celery_worker_command("--concurrency", "1", "--loglevel", "WARNING")
        + ["--without-gossip", "--without-mingle"],
        env,
        tmp / "celery.log",
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://{HOST}:{port}/", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if web.poll() is not None or time.monotonic() > deadline:
                raise BenchmarkError(f"gunicorn did not serve:\n{tail(log_path)}")
            time.sleep(0.3)
        yield f"http://{HOST}:{port}", {"web": web.pid, "worker": worker.pid}
    finally:
        stop_gunicorn(web)
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
        worker.log_file.close()


def cpu_groups(sessions, redis_pid):
    """The parts of the stack whose CPU a load benchmark reports."""
    return {
        "gunicorn": lambda pid, name, sid: sid == sessions["web"],
        "celery worker": lambda pid, name, sid: sid == sessions["worker"],
        "postgres": lambda pid, name, sid: name == "postgres",
        "redis": lambda pid, name, sid: pid == redis_pid,
        "load client": lambda pid, name, sid: pid == os.getpid(),
        "other": lambda pid, name, sid: True,
    }


# --------------------------------------------------------------------------- clients


@dataclass
class Reply:
    """What a check needs of a response, read while the connection is held."""

    status: int
    headers: dict  # lower-case names
    text: str
    sent_at: float  # time.monotonic() when the request went out


class Run:
    """One connection pool for every learner, a cookie jar each (aiohttp: its HTTP
    parser is in C, so the client takes less of the CPU the server needs)."""

    def __init__(self, origin, concurrency, timeout):
        # Idle connections are dropped by the client (3 s) before gunicorn's
        # keep-alive (5 s, deploy/gunicorn.conf.py) would: no request on a socket
        # the server is closing.
        self.connector = aiohttp.TCPConnector(limit=concurrency, keepalive_timeout=3)
        self.gate = asyncio.Semaphore(concurrency)
        self.origin = origin
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.latencies = []  # (phase, ms)
        self.errors = []
        self.submitted = set()

    def client(self):
        return aiohttp.ClientSession(
            base_url=self.origin,
            connector=self.connector,
            connector_owner=False,
            # Cookies from 127.0.0.1: aiohttp refuses cookies for IP addresses unless
            # told otherwise.
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=self.timeout,
            headers={"Origin": self.origin},
        )

    async def call(self, phase, client, method, url, expect, **kwargs):
        """The reply, or None (and an error) when its status is not in ``expect``
        (one status or a collection) or the request failed."""
        expected = {expect} if isinstance(expect, int) else set(expect)
        async with self.gate:
            started = time.perf_counter()
            sent_at = time.monotonic()
            try:
                async with client.request(
                    method, url, allow_redirects=False, **kwargs
                ) as response:
                    reply = Reply(
                        response.status,
                        {k.lower(): v for k, v in response.headers.items()},
                        await response.text(),
                        sent_at,
                    )
            except (aiohttp.ClientError, TimeoutError) as error:
                self.errors.append(f"{method} {url}: {type(error).__name__}")
                return None
            self.latencies.append((phase, (time.perf_counter() - started) * 1000))
        if reply.status not in expected:
            self.errors.append(f"{method} {url}: HTTP {reply.status}")
            return None
        return reply

    async def close(self, clients):
        for client in clients:
            await client.close()
        await self.connector.close()


def cookie(client, name):
    return next((c.value for c in client.cookie_jar if c.key == name), None)


async def sign_in(run, client, username, login, password=PASSWORD):
    page = await run.call("sign_in", client, "GET", login, 200)
    if page is None:
        return False
    token = cookie(client, "csrftoken")
    response = await run.call(
        "sign_in",
        client,
        "POST",
        login,
        302,
        data={"csrfmiddlewaretoken": token, "username": username, "password": password},
    )
    return response is not None and cookie(client, "sessionid") is not None


# --------------------------------------------------------------------------- figures


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]
