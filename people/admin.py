"""Django admin for users (Wagtail's admin manages users too; this is the fallback)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "full_name", "email", "student_code", "is_staff")
    search_fields = ("username", "full_name", "email", "student_code", "citizen_id")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Profile"),
            {
                "fields": (
                    "full_name",
                    "date_of_birth",
                    "gender",
                    "student_code",
                    "citizen_id",
                    "phone",
                    "must_change_password",
                )
            },
        ),
    )
