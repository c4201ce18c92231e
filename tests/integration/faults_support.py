"""Helpers for the fault tests: a Redis of the test's own, and pointing Celery at it.

The fault tests stop Redis. The Redis at 6379 is shared (other test runs, other
workers), so they start a private ``redis-server`` on a free port and stop that
one instead; it is always shut down at the end of the test.
"""

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import redis
from kombu import pools as kombu_pools

from config.celery_app import app as celery_app
from tests.services import _missing


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A throw-away redis-server on 127.0.0.1 without persistence."""

    def __init__(self, folder):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            _missing("needs redis-server to start a Redis of the test's own")
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def ping(self):
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.exceptions.ConnectionError:
            return False

    def start(self):
        log = (self.folder / f"redis-{self.port}.log").open("a")
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while not self.ping():
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None


def _drop_broker_connections():
    # Close every pooled broker connection and forget the pools: kombu keeps them in
    # global registries keyed by broker, so a pool merely closed would be handed out
    # again ("Acquire on closed pool") to later tests using the same broker.
    kombu_pools.reset()
    celery_app._pool = None
    celery_app.__dict__.get("amqp") and setattr(celery_app.amqp, "_producer_pool", None)


@contextmanager
def celery_on(broker_url, queue):
    """Queue tasks (not eagerly) on ``broker_url``, queue ``queue``, for a while."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager, conf.task_default_queue
    saved_env = os.environ.get("CELERY_BROKER_URL")
    _drop_broker_connections()
    # Celery reads CELERY_BROKER_URL from the environment before its own setting.
    os.environ["CELERY_BROKER_URL"] = broker_url
    conf.broker_url = broker_url
    conf.task_always_eager = False
    conf.task_default_queue = queue
    try:
        yield
    finally:
        _drop_broker_connections()
        if saved_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = saved_env
        conf.broker_url, conf.task_always_eager, conf.task_default_queue = saved


def closed_port():
    """A port of 127.0.0.1 nothing listens on: a Redis that is down."""
    return free_port()


@contextmanager
def broker_down():
    """Tasks go (not eagerly) to a broker nobody answers; breakers start closed."""
    from core import circuit

    circuit.reset_all()
    try:
        with celery_on(f"redis://127.0.0.1:{closed_port()}/0", "nowhere"):
            yield
    finally:
        circuit.reset_all()  # "the broker is back": nothing waits for a breaker


def cache_down(settings):
    """Point Django's cache at a Redis that is down (pytest-django ``settings``)."""
    from core import circuit

    circuit.reset_all()
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.FallbackRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"RETRY_AFTER": 60},
        }
    }
