"""Report models: targets, populations, export jobs and the summary tables."""

from .api import ApiAccess, ApiClient  # noqa: F401
from .exports import *  # noqa: F401,F403  (owned by the exports work)
from .populations import Population  # noqa: F401
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
