"""Report models: completion targets (targets.py) and export jobs (exports.py)."""

from .exports import *  # noqa: F401,F403  (owned by the exports work)
from .targets import Target  # noqa: F401
