"""The certificates room's section of a person's data copy
(people/personal_data.py), and what an erasure does to certificates."""

from django.utils.translation import gettext_lazy as _

from people.personal_data import Section, register

from .issuing import revoke
from .models import Certificate


def _certificates(user):
    return Certificate.objects.filter(holder=user).values(
        "serial",
        "verification_code",
        "status",
        "holder_name",
        "holder_birth_date",
        "holder_unit",
        "course_title",
        "completed_on",
        "score",
        "issued_at",
        "revoked_at",
    )


def register_sections():
    register(
        Section(
            "certificates",
            _("Certificates"),
            (
                ("serial", _("number")),
                ("verification_code", _("verification code")),
                ("status", _("status")),
                ("holder_name", _("holder's name")),
                ("holder_birth_date", _("date of birth")),
                ("course_title", _("course")),
                ("completed_on", _("completed on")),
                ("issued_at", _("issued at")),
            ),
            _certificates,
            order=60,
            choices={"status": Certificate.Status},
        )
    )


# Reasons written on certificates an erasure revokes: the holder asked, or the
# certificate was not issued yet (nothing frozen: issuing it now would print the
# erased account's placeholder name).
ERASURE_REASON = "Người được cấp yêu cầu thu hồi khi xoá dữ liệu cá nhân"
NOT_ISSUED_REASON = "Chưa cấp xong khi tài khoản bị xoá dữ liệu cá nhân"


def on_user_erased(sender, user, actor=None, revoke_certificates=False, **kwargs):
    """The frozen holder data of an issued certificate stays (the paper is an
    official record and stays verifiable) unless the holder asked for revocation.
    Runs inside the erasure's transaction."""
    live = Certificate.objects.live().filter(holder=user)
    if not revoke_certificates:
        live = live.exclude(status=Certificate.Status.ISSUED)
    for certificate in live:
        issued = certificate.status == Certificate.Status.ISSUED
        revoke(certificate, ERASURE_REASON if issued else NOT_ISSUED_REASON, by=actor)
