"""What the progress page of a background job reads (exports, reminder jobs): how
far it got, whether to keep waiting, whether the broker has taken it yet."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

# Longer than any task may run plus the margin after which a sweep marks an
# interrupted job failed (config/settings/base.py).
GIVE_UP_AFTER = timedelta(
    seconds=settings.CELERY_LONGEST_TASK + 2 * settings.CELERY_STUCK_MARGIN
)


class JobProgress:
    """For a job model with ``status`` (its ``Status`` has QUEUED, RUNNING and
    DONE), ``processed``, ``total``, ``created_at`` and ``queued_at``."""

    @property
    def percent(self):
        if self.status == self.Status.DONE:
            return 100
        return min(100, round(100 * self.processed / self.total)) if self.total else 0

    @property
    def is_running(self):
        """Queued or running, and not given up on: past the task's time limit (a
        lost or killed task) the page stops waiting and says it failed."""
        if self.status not in {self.Status.QUEUED, self.Status.RUNNING}:
            return False
        since = self.queued_at or self.created_at
        return self.waiting_for_broker or timezone.now() - since < GIVE_UP_AFTER

    @property
    def waiting_for_broker(self):
        return self.status == self.Status.QUEUED and self.queued_at is None
