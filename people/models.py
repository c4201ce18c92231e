"""Users, the organisation tree, classes and memberships."""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from treebeard.mp_tree import MP_Node

from .names import clean_name, validate_person_name
from .text import clean_text, fold, vietnamese_sort_key

citizen_id_validator = RegexValidator(
    r"^\d{12}$", _("The personal identification number must have exactly 12 digits.")
)


class UserQuerySet(models.QuerySet):
    def update(self, **kwargs):
        """Bulk updates send no signal, so drop the cached copies of the rows they
        change here (people/user_cache.py): Wagtail's bulk "mark as inactive",
        ``bulk_update`` and any later caller are all covered at once."""
        from .user_cache import forget_users

        user_ids = list(self.values_list("pk", flat=True))
        updated = super().update(**kwargs)
        forget_users(user_ids)
        return updated


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person who signs in: learner, coordinator, viewer, editor or admin.

    ``full_name`` is the one name shown everywhere, in Vietnamese order; Django's
    first/last name fields are kept only for the admin's sake.
    """

    class Gender(models.TextChoices):
        FEMALE = "F", _("Female")
        MALE = "M", _("Male")
        OTHER = "O", _("Other")

    full_name = models.CharField(
        _("full name"), max_length=150, blank=True, validators=[validate_person_name]
    )
    # Django's own name fields, checked like full_name (the admin's user forms).
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[validate_person_name]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[validate_person_name]
    )
    name_sort_key = models.CharField(
        max_length=512, blank=True, db_index=True, editable=False
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender, blank=True)
    student_code = models.CharField(
        _("student code / identification code"),
        max_length=32,
        blank=True,
        db_index=True,
    )
    citizen_id = models.CharField(
        _("personal identification number"),
        max_length=12,
        blank=True,
        validators=[citizen_id_validator],
        db_index=True,
    )
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("The user must set a new password at the next sign-in."),
    )
    # Who reset this password for the owner, and when: told once at the next
    # sign-in (people/password_resets.py), then cleared.
    reset_notice_at = models.DateTimeField(null=True, blank=True, editable=False)
    reset_notice_by = models.CharField(max_length=150, blank=True, editable=False)
    # fold(full_name): lets the department search names typed without diacritics.
    search_name = models.CharField(
        max_length=150, blank=True, db_index=True, editable=False
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("user")
        constraints = [
            models.UniqueConstraint(
                fields=["citizen_id"],
                condition=~models.Q(citizen_id=""),
                name="people_user_citizen_id_unique",
            ),
            # One account per e-mail whatever its case: a second "SOGD@…" would
            # make e-mail sign-in ambiguous for the first (issue 14, finding 8).
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="people_user_email_ci_unique",
                violation_error_code="email_taken",
                violation_error_message=_(
                    "Another account already uses this email address."
                ),
            ),
        ]

    def save(self, *args, **kwargs):
        self.full_name = clean_name(self.full_name)
        if not self.full_name:
            self.full_name = clean_name(f"{self.last_name} {self.first_name}")
        self.name_sort_key = vietnamese_sort_key(self.full_name)
        self.search_name = fold(self.full_name)
        self.student_code = clean_text(self.student_code)
        self.email = clean_text(self.email).lower()
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        """Report an e-mail clash on the email field, where forms show it."""
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            general = errors.get(NON_FIELD_ERRORS, [])
            taken = [e for e in general if getattr(e, "code", None) == "email_taken"]
            if taken:
                errors[NON_FIELD_ERRORS] = [e for e in general if e not in taken]
                errors.setdefault("email", []).extend(taken)
                if not errors[NON_FIELD_ERRORS]:
                    del errors[NON_FIELD_ERRORS]
            raise ValidationError(errors) from None

    def get_full_name(self):
        return self.full_name or self.username

    def get_short_name(self):
        return self.full_name.split(" ")[-1] if self.full_name else self.username

    def __str__(self):
        return self.get_full_name()


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


def _private_storage():
    # Login slips carry passwords: never under MEDIA_URL, only through checked views.
    from django.core.files.storage import storages

    return storages["private"]


class RosterImport(models.Model):
    """One roster upload, from preview to accounts and login slips.

    The file is read twice: once for the preview and once, inside one transaction,
    to apply it, so what is applied is exactly what the file says at that moment.
    Temporary passwords exist in clear only inside the slips PDF.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        READING = "reading", _("Reading the file")
        PREVIEW = "preview", _("Ready to check")
        INVALID = "invalid", _("Problems found")
        APPLYING = "applying", _("Creating accounts")
        DONE = "done", pgettext_lazy("roster import", "Done")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="roster_imports",
    )
    school_year = models.CharField(_("school year"), max_length=9)
    default_class_name = models.CharField(_("class"), max_length=50, blank=True)
    created_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    filename = models.CharField(max_length=255)
    file = models.FileField(storage=_private_storage, upload_to="rosters/%Y/%m/")
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    processed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    preview = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error_rows = models.FileField(
        storage=_private_storage, upload_to="rosters/errors/%Y/%m/", blank=True
    )
    slips = models.FileField(
        storage=_private_storage, upload_to="slips/%Y/%m/", blank=True
    )
    message = models.TextField(blank=True)
    # When the current step's task was handed to the broker; empty while the broker
    # could not take it (people/sweeps.py hands it over when the broker is back).
    queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def percent(self):
        return round(100 * self.processed / self.total) if self.total else 0

    @property
    def is_running(self):
        return self.status in {
            self.Status.QUEUED,
            self.Status.READING,
            self.Status.APPLYING,
        }

    @property
    def waiting_for_broker(self):
        return self.is_running and self.queued_at is None


class RateLimitCounter(models.Model):
    """A rate-limit window counted in the database while the cache is down
    (people/ratelimit.py): a limit must hold when Redis does not."""

    key = models.CharField(max_length=64, unique=True)  # a hash: no personal data
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")

    def __str__(self):
        return f"{self.key[:12]}… {self.count}"


class Transfer(models.Model):
    """A learner moved from one unit (and class) to another by the department.

    The old membership is replaced by the new one (every query of the portal reads
    current memberships); this row is the history. Results and certificates belong
    to the learner's enrolments and never move; see people/transfers.py for how the
    statistics follow.
    """

    user = models.ForeignKey(
        User, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="+"
    )
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    from_class = models.ForeignKey(
        SchoolClass, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    to_class = models.ForeignKey(
        SchoolClass, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moved_at = models.DateTimeField(_("moved at"))
    moved_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-moved_at", "-pk"]

    def __str__(self):
        return f"{self.user} – {self.from_organisation} → {self.to_organisation}"


class AuditEntry(models.Model):
    """Who changed whose role or placement, when, from what to what.

    Written by people/audit.py in the same transaction as the change, so an entry
    exists exactly when the change does. Names are copied into ``before``/``after``
    so the log still reads right after a unit is renamed or an account deleted.
    An entry is about up to two units (a move has a source and a destination); the
    administrators of either see it.
    """

    class Action(models.TextChoices):
        APPOINT = "appoint", _("Role given")
        REMOVE_ROLE = "remove_role", _("Role removed")
        MOVE = "move", _("Learner moved")
        RESET_PASSWORD = "reset_password", _("Password reset")
        LIFT_SIGN_IN_WAIT = "lift_sign_in_wait", _("Sign-in wait lifted")

    actor = models.ForeignKey(
        User,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action)
    target_user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    other_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"
