"""Test-only: the first certificate render in a worker waits to be killed.

Imported only by workers started with faults_worker_settings and only active when
FAULTS_RENDER_DIR is set. The first render writes ``started-<pid>`` there and sleeps,
giving the test time to SIGKILL the worker mid-render; once that file exists (the
redelivered run, in a new worker), renders go at full speed. Each render also writes
``rendered-<pid>-<n>`` so the test can count them.
"""

import os
import time
from pathlib import Path

from certificates import issuing

_render_pdf = issuing.render_pdf


def _slow_first_render(*args, **kwargs):
    folder = Path(os.environ["FAULTS_RENDER_DIR"])
    if not list(folder.glob("started-*")):
        (folder / f"started-{os.getpid()}").touch()
        time.sleep(60)  # killed long before this ends
    data = _render_pdf(*args, **kwargs)
    count = len(list(folder.glob("rendered-*")))
    (folder / f"rendered-{os.getpid()}-{count}").touch()
    return data


if os.environ.get("FAULTS_RENDER_DIR"):
    issuing.render_pdf = _slow_first_render
