"""`make run`'s launcher: the web server, a Celery worker and Celery beat, run and
stopped together (``manage.py runstack``).

The three run in one process group of their own, with everything they start (the
autoreloader's server, the worker's pool). This process is their subreaper: a child
whose parent dies comes back to it, so nothing is left running. Ctrl-C, SIGTERM or
any of the three exiting stops the lot: SIGTERM to the three (the worker finishes
its running tasks, a warm shutdown), then after a grace period SIGTERM and SIGKILL
to whatever is left in the group.
"""

import ctypes
import os
import signal
import subprocess
import sys
import time

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
GRACE_SECONDS = 10  # for the worker to finish its running tasks
KILL_SECONDS = 3


def _prctl(option, value):
    """Linux's prctl; a no-op elsewhere (the stack then relies on the signals)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _die_with_parent():
    # In the child before exec: if the launcher is killed outright, so is this.
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Stack:
    """Start ``commands`` ([(name, argv)]) in one new process group; ``run()`` waits
    until a signal or the end of one of them, stops them all, returns an exit code."""

    def __init__(self, commands, env=None, cwd=None, out=sys.stderr):
        self.commands = commands
        self.env = env
        self.cwd = cwd
        self.out = out
        self.children = {}  # pid -> name, while running
        self.pgid = None
        self.signals = 0
        self.exit_code = 0

    def say(self, message):
        print(message, file=self.out, flush=True)

    def start(self):
        _prctl(PR_SET_CHILD_SUBREAPER, 1)
        for name, argv in self.commands:
            process = subprocess.Popen(  # noqa: S603 (our own fixed commands)
                argv,
                env=self.env,
                cwd=self.cwd,
                stdin=subprocess.DEVNULL,
                process_group=self.pgid or 0,
                preexec_fn=_die_with_parent,  # noqa: PLW1509 (single-threaded here)
            )
            # Reaped with os.waitpid below, not by Popen (which would not see it).
            process.returncode = 0
            self.pgid = self.pgid or process.pid
            self.children[process.pid] = name

    def _on_signal(self, signum, _frame):
        self.signals += 1
        if self.signals > 1 and self.pgid:
            self._signal_group(signal.SIGKILL)  # a second Ctrl-C: no more waiting

    def _reap(self):
        """Collect every ended child (ours, or orphans handed to us); return the names
        and codes of the three that ended."""
        ended = []
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return ended
            if pid == 0:
                return ended
            name = self.children.pop(pid, None)
            if name is not None:
                ended.append((name, os.waitstatus_to_exitcode(status)))

    def _group_alive(self):
        try:
            os.killpg(self.pgid, 0)
        except (ProcessLookupError, PermissionError):
            return False
        return True

    def _signal_group(self, signum):
        try:
            os.killpg(self.pgid, signum)
        except (ProcessLookupError, PermissionError):
            pass

    def _wait(self, done, seconds):
        deadline = time.monotonic() + seconds
        while not done() and time.monotonic() < deadline:
            self._reap()
            time.sleep(0.1)
        self._reap()
        return done()

    def run(self):
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._on_signal)
        self.start()
        while not self.signals:
            for name, code in self._reap():
                self.say(f"{name} exited (code {code}): stopping the others.")
                self.exit_code = code or 1
                self.signals = 1
            time.sleep(0.2)
        self.stop()
        return self.exit_code

    def stop(self):
        self.say("Stopping: " + ", ".join(sorted(self.children.values())) + " …")
        for pid in list(self.children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        self._wait(lambda: not self.children, GRACE_SECONDS)
        for signum in (signal.SIGTERM, signal.SIGKILL):
            if not self._group_alive():
                break
            self._signal_group(signum)
            self._wait(lambda: not self._group_alive(), KILL_SECONDS)
        self.say("Stopped.")
