"""Processes the benchmarks start: gunicorn (one sync worker, or the deployment's
settings) and the Celery worker, each in a process group of its own that is stopped
on the way out, and the worker pids found through /proc."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .client import HOST, free_port, get
from .output import BenchmarkError
from .site import REPO


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
    return start_in_own_group(
        [sys.executable, "-m", "gunicorn", "config.wsgi", *options], env, log_path
    )


def start_in_own_group(command, env, log_path):
    """``command`` run from the repository root in a process group of its own (so
    that stopping it stops its children), its output in ``log_path``; the caller
    closes ``process.log_file`` once it has stopped it."""
    log = open(log_path, "wb")  # noqa: SIM115 - the server outlives this function
    process = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process.log_file = log
    return process


def stop_process_group(process, term_timeout=15, kill_timeout=15):
    """SIGTERM to the process group of a server started with ``start_new_session``;
    SIGKILL if it has not exited within ``term_timeout`` seconds."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=term_timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=kill_timeout)


def stop_gunicorn(process):
    stop_process_group(process)
    process.log_file.close()


def celery_worker_command(*options):
    """``celery -A config worker`` with ``options``, run by this interpreter."""
    return [sys.executable, "-m", "celery", "-A", "config", "worker", *options]


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
