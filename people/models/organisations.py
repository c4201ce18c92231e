"""The organisation tree, classes and memberships (who belongs where, in what role)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from ..text import clean_text
from .users import User

# Decision 19/2025/QĐ-TTg: provinces have 2-digit codes, communes 5-digit ones.
OFFICIAL_CODE_DIGITS = {"province": 2, "commune": 5}


class Organisation(MP_Node):
    """A unit in the province's tree, of any depth (districts were abolished in 2025).

    Two codes: ``code`` is the portal's own key (rosters, the demo, imports of the
    portal's CSV use it; schools and service centres have no official code), and
    ``official_code`` is the State's code of a province or commune (Decision
    19/2025/QĐ-TTg), kept apart because it only exists for administrative units and
    must never change or be reused: it is unique across retired units too, fixed
    once set, and a unit holding one cannot be deleted (people/signals.py).

    ``active_from``/``active_until`` are the unit's validity; merges and splits are
    ``UnitEvent`` rows (people/models/events.py) that set them. ``succeeded_by`` is
    derived from merge events (the live successor a merged unit's statistics follow).
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Province/City")
        COMMUNE = "commune", _("Commune/Ward")
        SCHOOL = "school", _("School")
        ONE_STOP_OFFICE = "one_stop_office", _("Public administrative service centre")
        DEPARTMENT = "department", _("Department/Agency")

    class SchoolLevel(models.TextChoices):
        # Who manages a school decides where it sits: the commune for primary and
        # lower-secondary schools, the province for upper-secondary ones.
        PRIMARY = "primary", _("Primary")
        LOWER_SECONDARY = "lower_secondary", _("Lower secondary")
        UPPER_SECONDARY = "upper_secondary", _("Upper secondary")

    code = models.CharField(_("unit code"), max_length=32, unique=True)
    official_code = models.CharField(
        _("official code"),
        max_length=5,
        null=True,
        blank=True,
        unique=True,
        help_text=_(
            "Decision 19/2025/QĐ-TTg: 2 digits for a province, 5 for a commune or "
            "ward. Never changed or reused."
        ),
    )
    name = models.CharField(_("unit name"), max_length=255)
    kind = models.CharField(_("unit kind"), max_length=20, choices=Kind)
    school_level = models.CharField(
        _("school level"), max_length=20, choices=SchoolLevel, blank=True
    )
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_until = models.DateField(_("active until"), null=True, blank=True)
    succeeded_by = models.ForeignKey(
        "self",
        verbose_name=_("succeeded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisation")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_text(self.name)
        self.code = clean_text(self.code)
        self.official_code = clean_text(self.official_code) or None
        super().save(*args, **kwargs)

    def clean(self):
        problems = {}
        message = official_code_problem(self.kind, self.official_code)
        if message:
            problems["official_code"] = message
        if self.pk and not message:
            old = (
                Organisation.objects.filter(pk=self.pk)
                .values_list("official_code", flat=True)
                .first()
            )
            if old and old != (clean_text(self.official_code) or None):
                problems["official_code"] = _(
                    "An official code never changes: this unit keeps %(code)s."
                ) % {"code": old}
        if (
            self.active_from
            and self.active_until
            and self.active_until < self.active_from
        ):
            problems["active_until"] = _("The unit cannot end before it starts.")
        if self.school_level and self.kind != self.Kind.SCHOOL:
            problems["school_level"] = _("Only a school has a school level.")
        if problems:
            raise ValidationError(problems)


def official_code_problem(kind, code):
    """Why ``code`` is no official code for a unit of ``kind`` (None when it is)."""
    code = clean_text(code)
    digits = OFFICIAL_CODE_DIGITS.get(kind)
    if not code:
        return None
    if digits is None:
        return _("Only a province or a commune has an official code.")
    if not re.fullmatch(rf"\d{{{digits}}}", code):
        return _("The official code of this kind of unit has %(n)s digits.") % {
            "n": digits
        }
    return None


def placement_problem(kind, school_level, parent_kind):
    """Why a unit may not sit under a parent of ``parent_kind`` (None when it may):
    primary and lower-secondary schools under their commune, upper-secondary ones
    under the province."""
    if kind != Organisation.Kind.SCHOOL or not school_level:
        return None
    wanted = (
        Organisation.Kind.PROVINCE
        if school_level == Organisation.SchoolLevel.UPPER_SECONDARY
        else Organisation.Kind.COMMUNE
    )
    if parent_kind == wanted:
        return None
    if wanted == Organisation.Kind.PROVINCE:
        return _("An upper-secondary school sits directly under the province.")
    return _("A primary or lower-secondary school sits under its commune.")


class SchoolClass(models.Model):
    """A class or cohort ("10A1", school year 2026-2027) within a school or office."""

    name = models.CharField(_("class name"), max_length=50)
    school_year = models.CharField(
        _("school year"),
        max_length=9,
        validators=[
            RegexValidator(r"^\d{4}-\d{4}$", _("The school year looks like 2026-2027."))
        ],
    )
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="classes",
    )

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("class")
        ordering = ["school_year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "school_year", "name"],
                name="people_schoolclass_unique_name",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.school_year})"

    def save(self, *args, **kwargs):
        self.name = clean_text(self.name).upper()
        super().save(*args, **kwargs)


class MembershipQuerySet(models.QuerySet):
    def coordinators(self):
        return self.filter(role=Membership.Role.COORDINATOR)

    def viewers(self):
        return self.filter(role=Membership.Role.VIEWER)

    def learners(self):
        return self.filter(role=Membership.Role.LEARNER)

    def placement(self, user_id):
        """The learner's memberships, the one that places them first: one with a
        class before one without, then the newest. Where their enrolments and
        certificates say they learn."""
        return (
            self.learners()
            .filter(user_id=user_id)
            .order_by(
                models.F("school_class_id").desc(nulls_last=True), "-created_at", "-pk"
            )
        )


class Membership(models.Model):
    """A user's role in an organisation, and for learners usually also their class."""

    class Role(models.TextChoices):
        LEARNER = "learner", _("Learner")
        COORDINATOR = "coordinator", _("Coordinator")
        VIEWER = "viewer", _("Statistics viewer")
        # Appoints coordinators and viewers and moves learners in a subtree
        # (people/appointments.py, people/transfers.py); sees no statistics by itself.
        ADMINISTRATOR = "administrator", _("Department administrator")

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    school_class = models.ForeignKey(
        SchoolClass,
        verbose_name=_("class"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("membership")
        # One role per unit, or per class where there is one: a student may be in
        # 10A1 this year and 11A1 the next at the same school.
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=models.Q(school_class__isnull=True),
                name="people_membership_unique_per_unit",
            ),
            models.UniqueConstraint(
                fields=["user", "school_class", "role"],
                condition=models.Q(school_class__isnull=False),
                name="people_membership_unique_per_class",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"
