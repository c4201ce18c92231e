"""The organisation tree, classes and memberships (who belongs where, in what role)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from ..text import clean_text
from .users import User


class Organisation(MP_Node):
    """A unit in the province's tree, of any depth (districts were abolished in 2025).

    Units merge: a retired unit points at its successor so that its statistics follow.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Province/City")
        COMMUNE = "commune", _("Commune/Ward")
        SCHOOL = "school", _("School")
        ONE_STOP_OFFICE = "one_stop_office", _("Public administrative service centre")
        DEPARTMENT = "department", _("Department/Agency")

    code = models.CharField(_("unit code"), max_length=32, unique=True)
    name = models.CharField(_("unit name"), max_length=255)
    kind = models.CharField(_("unit kind"), max_length=20, choices=Kind)
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
        super().save(*args, **kwargs)


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
