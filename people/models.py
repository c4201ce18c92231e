"""Users, the organisation tree, classes and memberships."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from .text import clean_text, vietnamese_sort_key

citizen_id_validator = RegexValidator(
    r"^\d{12}$", _("Số định danh cá nhân phải gồm đúng 12 chữ số.")
)


class User(AbstractUser):
    """A person who signs in: learner, coordinator, viewer, editor or admin.

    ``full_name`` is the one name shown everywhere, in Vietnamese order; Django's
    first/last name fields are kept only for the admin's sake.
    """

    class Gender(models.TextChoices):
        FEMALE = "F", _("Nữ")
        MALE = "M", _("Nam")
        OTHER = "O", _("Khác")

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    name_sort_key = models.CharField(
        max_length=150, blank=True, db_index=True, editable=False
    )
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender, blank=True)
    student_code = models.CharField(
        _("mã học sinh / mã định danh"), max_length=32, blank=True, db_index=True
    )
    citizen_id = models.CharField(
        _("số định danh cá nhân"),
        max_length=12,
        blank=True,
        validators=[citizen_id_validator],
        db_index=True,
    )
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    must_change_password = models.BooleanField(
        _("phải đổi mật khẩu"),
        default=False,
        help_text=_("Người dùng phải đặt mật khẩu mới ở lần đăng nhập tới."),
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.UniqueConstraint(
                fields=["citizen_id"],
                condition=~models.Q(citizen_id=""),
                name="people_user_citizen_id_unique",
            )
        ]

    def save(self, *args, **kwargs):
        self.full_name = clean_text(self.full_name)
        if not self.full_name:
            self.full_name = clean_text(f"{self.last_name} {self.first_name}")
        self.name_sort_key = vietnamese_sort_key(self.full_name)
        self.student_code = clean_text(self.student_code)
        self.email = clean_text(self.email).lower()
        super().save(*args, **kwargs)

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
        PROVINCE = "province", _("Tỉnh/Thành phố")
        COMMUNE = "commune", _("Xã/Phường")
        SCHOOL = "school", _("Trường học")
        ONE_STOP_OFFICE = "one_stop_office", _("Trung tâm phục vụ hành chính công")
        DEPARTMENT = "department", _("Sở/Ban/Ngành")

    code = models.CharField(_("mã đơn vị"), max_length=32, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=Kind)
    active_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    active_until = models.DateField(_("hoạt động đến"), null=True, blank=True)
    succeeded_by = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_text(self.name)
        self.code = clean_text(self.code)
        super().save(*args, **kwargs)


class SchoolClass(models.Model):
    """A class or cohort ("10A1", school year 2026-2027) within a school or office."""

    name = models.CharField(_("tên lớp"), max_length=50)
    school_year = models.CharField(
        _("năm học"),
        max_length=9,
        validators=[RegexValidator(r"^\d{4}-\d{4}$", _("Năm học có dạng 2026-2027."))],
    )
    grade = models.PositiveSmallIntegerField(_("khối"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="classes",
    )

    class Meta:
        verbose_name = _("lớp")
        verbose_name_plural = _("lớp")
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


class Membership(models.Model):
    """A user's role in an organisation, and for learners usually also their class."""

    class Role(models.TextChoices):
        LEARNER = "learner", _("Học viên")
        COORDINATOR = "coordinator", _("Điều phối viên")
        VIEWER = "viewer", _("Người xem thống kê")

    user = models.ForeignKey(
        User,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    school_class = models.ForeignKey(
        SchoolClass,
        verbose_name=_("lớp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="people_membership_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"
