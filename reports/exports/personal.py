"""The learner list with personal data: whose it may be, and the log of who took it.

Only coordinators (over the units they coordinate) and superusers may take it
(reports/access.py says why). Every download — direct, or of a background job's
file — writes an entry in the audit log (people/audit.py): who, when, which unit,
which filters, how many rows, which format. Department administrators read the
entries of their subtree, superusers all of them.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from people import audit

from ..access import personal_data_roots
from ..filters import ReportFilters

NOT_ALLOWED = _(
    "The learner list with personal data is for the coordinators of the learners' "
    "units. The table of figures on the statistics page can be downloaded instead."
)


def personal_filters(user, data):
    """The filters of ``data``, checked against the units whose learners' personal
    data the user may export (a wider statistics area does not count)."""
    return ReportFilters.for_user(user, data, roots=personal_data_roots(user))


def log_download(filters, kind, rows, job=None):
    with transaction.atomic():
        audit.record(
            filters.user,
            audit.Action.PERSONAL_EXPORT,
            organisation=filters.unit,
            after={
                "organisation": filters.unit.name if filters.unit else "",
                "format": kind,
                "rows": rows,
                "job": job.pk if job else None,
                "filters": {str(k): str(v) for k, v in filters.describe()},
            },
        )
