"""The filters of a straggler list, checked against what the user may remind.

Like reports/filters.py: values that do not parse or ids outside the user's units
are dropped with a message, and the list falls back to the user's own units.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from courses.models import CoursePage, Notice

from ..access import by_id, straggler_roots, unit_in_scope

PARAMS = {"days": "ngay", "unit": "don-vi", "course": "khoa-hoc"}
# Safe defaults: a week to begin, two weeks of silence, three days to retry a
# quiz, a week to fetch a certificate. The page lets the sender change them.
DEFAULT_DAYS = {
    Notice.Kind.NOT_STARTED: 7,
    Notice.Kind.STALLED: 14,
    Notice.Kind.QUIZ_FAILED: 3,
    Notice.Kind.CERTIFICATE_READY: 7,
}
MAX_DAYS = 365


@dataclass
class StragglerFilters:
    user: object
    roots: list
    reason: str
    days: int
    unit: object = None
    course: object = None
    errors: list = field(default_factory=list)

    @classmethod
    def for_user(cls, user, reason, data, roots=None):
        """``data``: a QueryDict or dict keyed by the GET slugs; ``roots``: the
        user's ``straggler_roots`` when already at hand."""
        filters = cls(
            user=user,
            roots=straggler_roots(user) if roots is None else roots,
            reason=reason,
            days=DEFAULT_DAYS[reason],
        )
        filters._read(data)
        return filters

    def _read(self, data):
        raw = str(data.get(PARAMS["days"]) or "").strip()
        if raw:
            if raw.isdigit() and 1 <= int(raw) <= MAX_DAYS:
                self.days = int(raw)
            else:
                self.errors.append(
                    _("The number of days is a whole number from 1 to %(max)s.")
                    % {"max": MAX_DAYS}
                )
        raw = str(data.get(PARAMS["unit"]) or "").strip()
        if raw:
            self.unit = unit_in_scope(raw, self.roots)
            if self.unit is None:
                self.errors.append(
                    _("The unit you chose does not exist or is outside your area.")
                )
        raw = str(data.get(PARAMS["course"]) or "").strip()
        if raw:
            self.course = by_id(CoursePage.objects.live(), raw)
            if self.course is None:
                self.errors.append(_("The course you chose does not exist."))

    @property
    def scope_paths(self):
        return [self.unit.path] if self.unit else [r.path for r in self.roots]

    def params(self, **overrides):
        values = {
            "days": self.days,
            "unit": self.unit.pk if self.unit else None,
            "course": self.course.pk if self.course else None,
        }
        values.update(overrides)
        return {PARAMS[k]: v for k, v in values.items() if v not in (None, "")}

    def as_query(self, **overrides):
        return urlencode(self.params(**overrides))

    def to_dict(self):
        """Plain data for a Celery task; ``from_dict`` checks it all again."""
        return {"user_id": self.user.pk, "reason": self.reason, "params": self.params()}

    @classmethod
    def from_dict(cls, data):
        user = get_user_model().objects.get(pk=data["user_id"])
        return cls.for_user(user, data["reason"], data["params"])
