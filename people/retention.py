"""Files with personal data are deleted on a schedule (docs/privacy.md).

Each room registers what it keeps and for how long (a setting in days); Celery beat
runs :func:`sweep` every hour (``people.tasks.sweep_retention``), so the schedule
holds under ``make run`` as in production. A sweep deletes each file past its time,
logs its name, and clears the field (or deletes the row) so that the next sweep
finds nothing more to do: running it twice, or after a crash half way, is safe.
People's own rules (class lists and login slips) are registered here; certificates
and reports register theirs in their ``apps.ready``.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    """``remove(cutoff)`` deletes what is older than ``cutoff`` and returns the
    names of the files it deleted; ``days_setting`` names the setting in days."""

    name: str
    days_setting: str
    remove: object


_rules = {}


def register(rule):
    _rules[rule.name] = rule


def rules():
    return list(_rules.values())


def delete_files(queryset, fields, *, delete_rows=False):
    """Delete the files in ``fields`` of every row of ``queryset``, then clear
    those fields (or delete the rows). A file already gone is no error."""
    non_empty = Q()
    for field in fields:
        non_empty |= ~Q(**{field: ""})
    rows = queryset if delete_rows else queryset.filter(non_empty)
    removed = []
    for row in rows.only("pk", *fields):
        for field in fields:
            stored = getattr(row, field)
            if stored:
                stored.storage.delete(stored.name)
                removed.append(stored.name)
        if delete_rows:
            row.delete()
        else:
            type(row).objects.filter(pk=row.pk).update(**dict.fromkeys(fields, ""))
    return removed


def sweep(now=None):
    """Apply every rule; returns ``{rule name: files deleted}``."""
    now = now or timezone.now()
    counts = {}
    for rule in rules():
        cutoff = now - timedelta(days=getattr(settings, rule.days_setting))
        removed = rule.remove(cutoff)
        for name in removed:
            logger.info("retention %s: deleted %s", rule.name, name)
        counts[rule.name] = len(removed)
    logger.info("retention sweep: %s", counts)
    return counts


# --- people's own files ---------------------------------------------------------

FILE_DELETED = _(
    "The file was deleted %(days)s days after it was uploaded, as the portal's "
    "retention rules require. Please upload it again."
)


def _roster_files(cutoff):
    from .models import RosterImport

    old = RosterImport.objects.filter(created_at__lt=cutoff)
    # A preview nobody confirmed cannot be applied without its file.
    old.filter(status=RosterImport.Status.PREVIEW).update(
        status=RosterImport.Status.FAILED,
        message=str(FILE_DELETED % {"days": settings.RETENTION_ROSTER_FILE_DAYS}),
    )
    return delete_files(old, ("file", "error_rows"))


def _slips(cutoff):
    from .models import RosterImport

    return delete_files(RosterImport.objects.filter(created_at__lt=cutoff), ("slips",))


register(Rule("roster_files", "RETENTION_ROSTER_FILE_DAYS", _roster_files))
register(Rule("login_slips", "RETENTION_SLIP_DAYS", _slips))
