"""Commands and servers that the settings and deploy tests run from the repository
root, as an operator would."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(command, *, timeout, env=None, check=False):
    """Run ``command`` in the repository root, its output captured as text."""
    return subprocess.run(  # noqa: S603
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=check,
    )


def run_python(args, *, env, timeout, check=False):
    """Run this Python with ``args`` (``manage.py …`` or ``-c …``) in ``env``."""
    return run([sys.executable, *args], env=env, timeout=timeout, check=check)


def stop(process, grace):
    """Ask ``process`` to end; kill it if it has not within ``grace`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
