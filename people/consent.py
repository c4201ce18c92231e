"""The legal basis for holding learners' data, and the guardians' consent.

A roster import's confirm step asks the coordinator for the basis on which the unit
processes its learners' data (kind, the document or consent form, its date) and,
for learners who may be minors, whether their guardians' consent is on record. The
import writes it (a ProcessingBasis, one ConsentRecord per learner of the file and
a CONSENT audit entry) inside its own transaction: no accounts without the basis,
no basis without the accounts. A learner's pages show the newest basis that covers
them (``status_of``). docs/privacy.md explains the rules.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.dispatch import receiver
from django.utils import timezone

from . import audit
from .models import (
    AuditEntry,
    ConsentRecord,
    NoticeAcknowledgement,
    ProcessingBasis,
    User,
)
from .signals import user_erased


def age_on(date_of_birth, today):
    """Whole years lived on ``today``."""
    birthday = (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - ((today.month, today.day) < birthday)


def may_be_minor(date_of_birth, today=None):
    """Under GUARDIAN_CONSENT_AGE, or of unknown age (no date of birth)."""
    if date_of_birth is None:
        return True
    today = today or timezone.localdate()
    return age_on(date_of_birth, today) < settings.GUARDIAN_CONSENT_AGE


def declared_basis(form_data, actor):
    """The confirm form's answers as they are kept on the import until applied."""
    return {
        "kind": form_data["kind"],
        "text": form_data["text"],
        "date": form_data["basis_date"].isoformat(),
        "guardian_consent": bool(form_data["guardian_consent"]),
        "by": actor.pk,
    }


def record_roster_basis(job, users):
    """Write the basis the coordinator declared for ``job`` and link ``users`` (every
    learner of the file) to it. Runs inside the import's transaction; an import
    confirmed before the basis was asked for records nothing."""
    declared = job.basis
    if not declared:
        return None
    recorded_by = User.objects.filter(pk=declared.get("by")).first()
    basis = ProcessingBasis.objects.create(
        organisation=job.organisation,
        roster_import=job,
        kind=declared["kind"],
        text=declared["text"],
        basis_date=date.fromisoformat(declared["date"]),
        guardian_consent=declared["guardian_consent"],
        recorded_by=recorded_by,
    )
    ConsentRecord.objects.bulk_create(
        [ConsentRecord(user_id=user.pk, basis=basis) for user in users],
        ignore_conflicts=True,
    )
    audit.record(
        recorded_by,
        AuditEntry.Action.CONSENT,
        organisation=job.organisation,
        after={
            "basis_id": basis.pk,
            "kind": basis.kind,
            "text": basis.text,
            "date": declared["date"],
            "guardian_consent": basis.guardian_consent,
            "roster_import": job.pk,
            "learners": len(users),
        },
    )
    return basis


@dataclass
class ConsentStatus:
    """What a learner's page says about the basis for their data."""

    basis: ProcessingBasis | None
    date_of_birth: date | None

    @property
    def guardian(self):
        """ "on_record", "missing" (a minor without it), "not_needed" (an adult) or
        "unknown" (no date of birth)."""
        if self.basis is not None and self.basis.guardian_consent:
            return "on_record"
        if self.date_of_birth is None:
            return "unknown"
        return "missing" if may_be_minor(self.date_of_birth) else "not_needed"


def status_of(user):
    """The newest basis covering ``user``, and their date of birth (minor or not)."""
    record = (
        ConsentRecord.objects.filter(user=user)
        .select_related("basis__organisation", "basis__recorded_by")
        .order_by("-basis__recorded_at", "-basis__pk")
        .first()
    )
    return ConsentStatus(
        basis=record.basis if record else None, date_of_birth=user.date_of_birth
    )


@receiver(user_erased)
def forget_erased_user(sender, user, **kwargs):
    """An erased account keeps no link to the bases that covered it, nor its
    notice readings (the unit's basis itself is not about one person)."""
    ConsentRecord.objects.filter(user=user).delete()
    NoticeAcknowledgement.objects.filter(user=user).delete()
