"""The machine's own PostgreSQL and Redis (127.0.0.1:5432 and :6379) as the roster
import benchmark uses them: a fresh database created and dropped, an empty Redis
database as the Celery broker (flushed at the end), and a Celery worker on them."""

import contextlib
import socket
import time
import uuid

from .client import HOST
from .output import BenchmarkError
from .servers import (
    celery_worker_command,
    start_in_own_group,
    stop_process_group,
    tail,
)

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_PORT = 6379
REDIS_DATABASES = range(15, 7, -1)  # CI's tests use 7


def _reachable(port):
    with contextlib.suppress(OSError), socket.create_connection((HOST, port), 2):
        return True
    return False


def _redis(command_args, db):
    """One command to the local Redis through redis-py (a Celery dependency)."""
    import redis

    client = redis.Redis(host=HOST, port=REDIS_PORT, db=db, socket_timeout=5)
    try:
        return client.execute_command(*command_args)
    finally:
        client.close()


def _pick_redis_db():
    """An empty Redis database, so that flushing it at the end harms nobody."""
    for db in REDIS_DATABASES:
        if _redis(["DBSIZE"], db) == 0:
            return db
    raise BenchmarkError(f"no empty Redis database among {list(REDIS_DATABASES)}")


@contextlib.contextmanager
def postgres_database(name):
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def redis_broker():
    db = _pick_redis_db()
    try:
        yield f"redis://127.0.0.1:{REDIS_PORT}/{db}"
    finally:
        _redis(["FLUSHDB"], db)


def services_available():
    """None when PostgreSQL and Redis answer, else why not."""
    if not _reachable(5432):
        return "PostgreSQL does not answer on 127.0.0.1:5432"
    if not _reachable(REDIS_PORT):
        return f"Redis does not answer on 127.0.0.1:{REDIS_PORT}"
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, connect_timeout=5):
            pass
        _redis(["PING"], 0)
    except Exception as error:  # any connection error means: fall back
        return f"{type(error).__name__}: {error}"
    return None


@contextlib.contextmanager
def celery_worker(env, tmp, timeout=60):
    """``celery -A config worker`` in its own process group, ready when it says so."""
    log_path = tmp / "celery.log"
    process = start_in_own_group(
        celery_worker_command(
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--hostname",
            f"bench-roster-{uuid.uuid4().hex[:8]}@%h",
        ),
        env,
        log_path,
    )
    process.log_path = log_path
    try:
        deadline = time.monotonic() + timeout
        while b" ready." not in log_path.read_bytes():
            if process.poll() is not None:
                raise BenchmarkError(f"celery exited:\n{tail(log_path)}")
            if time.monotonic() > deadline:
                raise BenchmarkError(f"celery not ready in {timeout} s")
            time.sleep(0.2)
        yield process
    finally:
        stop_process_group(process, term_timeout=20, kill_timeout=10)
        process.log_file.close()
