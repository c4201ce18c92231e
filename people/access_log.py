"""The access log: staff opening or downloading a person's personal data.

Each view or download writes ``AuditEntry.Action.PERSONAL_VIEW`` entries (one per
person, one INSERT per request) through people/audit.py, about the unit the person
belongs to, so the department administrators of that unit read them in the audit
log they already read (``audit.entries_for``). ``after["what"]`` says what was seen:
``login_slips`` (a slip PDF: printed at an account's creation or a password reset, or
an import's slips file downloaded), ``person_page`` (a department administrator's
page about a person). The learner list with personal data has its own entry,
``PERSONAL_EXPORT`` (reports/exports/personal.py), one per download.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import audit

LOGIN_SLIPS = "login_slips"
PERSON_PAGE = "person_page"
LABELS = {LOGIN_SLIPS: _("Login slips (PDF)"), PERSON_PAGE: _("The person's page")}


def label(what):
    """What was seen, as the audit log says it."""
    return LABELS.get(what, what)


def log_views(actor, people, what, *, organisation=None, **facts):
    """One PERSONAL_VIEW entry per person in ``people``, in one INSERT. Joins the
    caller's transaction if there is one (a slip and its log commit together)."""
    with transaction.atomic():
        audit.record_for_each(
            actor,
            audit.Action.PERSONAL_VIEW,
            people,
            organisation=organisation,
            after={"what": what, **facts},
        )
