"""Django admin for users (Wagtail's admin manages users too; this is the fallback)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .identity_numbers import mask
from .models import AuditEntry, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = (
        "username",
        "full_name",
        "email",
        "student_code",
        "masked_citizen_id",
        "is_staff",
    )
    # The citizen ID is encrypted: found whole, by its keyed hash (below).
    search_fields = ("username", "full_name", "email", "student_code")
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

    @admin.display(description=_("personal identification number"))
    def masked_citizen_id(self, user):
        # Lists show the masked number; the change form shows it whole to the
        # superusers who may correct it (people/identity_numbers.py).
        return mask(user.citizen_id)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        if search_term.strip():
            queryset |= self.model.objects.with_citizen_id(search_term)
        return queryset, may_have_duplicates


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only for superusers: the log is written by people/audit.py alone."""

    list_display = ("created_at", "action", "actor", "target_user", "organisation")
    list_filter = ("action",)
    list_select_related = ("actor", "target_user", "organisation")
    search_fields = ("target_user__username", "actor__username")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
