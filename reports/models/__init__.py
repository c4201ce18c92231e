"""Report models: completion targets, export jobs and the summary tables."""

from .exports import *  # noqa: F401,F403  (owned by the exports work)
from .reminders import (  # noqa: F401
    DigestPreference,
    Reminder,
    ReminderCap,
    ReminderJob,
)
from .rollup import (  # noqa: F401
    CompletionDays,
    CompletionMonths,
    EnrolmentSummary,
    RootCompletionDays,
    SummaryState,
)
from .targets import Target  # noqa: F401
