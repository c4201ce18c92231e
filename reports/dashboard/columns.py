"""The figure columns of a statistics table, defined once for the screen's exports.

Each column names its key in the rows of dashboard/queries.py (and views.py's
``_decorate``), its heading and its kind: a ``count`` (a whole number of people) or a
``percent`` (a number from 0 to 100, one decimal). A key a row lacks renders empty,
like a value of None ("no population declared", "no target").
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

COUNT = "count"
PERCENT = "percent"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str


COLUMNS = (
    Column("population", _("Population"), COUNT),
    Column("enrolled", _("Enrolled"), COUNT),
    Column("not_enrolled", _("Not yet enrolled"), COUNT),
    Column("started", _("Started"), COUNT),
    Column("completed", _("Completed"), COUNT),
    Column("coverage", _("Coverage"), PERCENT),
    Column("rate", _("Completion rate"), PERCENT),
    Column("certificates", _("Certificates"), COUNT),
    Column("avg_score", _("Average best score"), PERCENT),
    Column("target", _("Target"), PERCENT),
    Column("coverage_target", _("Coverage target"), PERCENT),
)


def values(row):
    """[(column, value or None)] of a row, in column order."""
    return [(column, row.get(column.key)) for column in COLUMNS]
