"""Django admin for certificate records: failures are listed with a retry action.

Records are never edited by hand: what was printed is frozen. Admins retry, and
revoke or reissue through the same services the coordinators use.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import issuing
from .models import Certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = (
        "serial",
        "holder_name",
        "course_title",
        "status",
        "issued_at",
        "attempts",
        "created_at",
    )
    list_filter = ("status", "issuing_body")
    search_fields = ("serial", "verification_code", "holder_name", "course_title")
    date_hierarchy = "created_at"
    list_select_related = ("holder",)
    actions = ("retry_issuing", "reissue_certificates")
    readonly_fields = [field.name for field in Certificate._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Issue again (pending or failed)"))
    def retry_issuing(self, request, queryset):
        count = issuing.retry(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d certificate queued again.",
                "%(count)d certificates queued again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reissue with today's data (new number)"))
    def reissue_certificates(self, request, queryset):
        count = 0
        for certificate in queryset.filter(status=Certificate.Status.ISSUED):
            issuing.reissue(certificate, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d certificate reissued.",
                "%(count)d certificates reissued.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
