"""People who sign in: the custom user model and its manager."""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from ..encryption import DigestField, EncryptedCharField
from ..identity_numbers import digest
from ..names import clean_name, validate_person_name
from ..text import clean_text, fold, vietnamese_sort_key

citizen_id_validator = RegexValidator(
    r"^\d{12}$", _("The personal identification number must have exactly 12 digits.")
)


class UserQuerySet(models.QuerySet):
    def with_citizen_id(self, number):
        """The accounts carrying this personal identification number (one at most),
        found by its keyed hash: the stored number itself is encrypted."""
        return self.filter(citizen_id_digest=digest(number)) if number else self.none()

    def update(self, **kwargs):
        """Bulk updates send no signal, so drop the cached copies of the rows they
        change here (people/user_cache.py): Wagtail's bulk "mark as inactive",
        ``bulk_update`` and any later caller are all covered at once."""
        from ..user_cache import forget_users

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
    # Encrypted at rest; matched through citizen_id_digest (people/encryption.py,
    # people/identity_numbers.py). Shown masked except to the roles that need it.
    citizen_id = EncryptedCharField(
        _("personal identification number"),
        max_length=12,
        blank=True,
        validators=[citizen_id_validator],
    )
    citizen_id_digest = DigestField(source="citizen_id", db_index=True)
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
                fields=["citizen_id_digest"],
                condition=~models.Q(citizen_id_digest=""),
                name="people_user_citizen_id_digest_unique",
                violation_error_code="citizen_id_taken",
                violation_error_message=_(
                    "Another account already has this personal identification number."
                ),
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
        """Report an e-mail or ID clash on its own field, where forms show it.

        The digest is never a form field, so forms exclude it; it follows the
        number, so the number's uniqueness is checked whenever the number is."""
        if exclude and "citizen_id" not in exclude:
            exclude = set(exclude) - {"citizen_id_digest"}
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            general = errors.get(NON_FIELD_ERRORS, [])
            for code, field in (
                ("email_taken", "email"),
                ("citizen_id_taken", "citizen_id"),
            ):
                taken = [e for e in general if getattr(e, "code", None) == code]
                if taken:
                    general = [e for e in general if e not in taken]
                    errors.setdefault(field, []).extend(taken)
            if general:
                errors[NON_FIELD_ERRORS] = general
            else:
                errors.pop(NON_FIELD_ERRORS, None)
            raise ValidationError(errors) from None

    def get_full_name(self):
        return self.full_name or self.username

    def get_short_name(self):
        return self.full_name.split(" ")[-1] if self.full_name else self.username

    def __str__(self):
        return self.get_full_name()
