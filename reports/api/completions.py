"""Completions and certificates as other systems read them.

Completions are enrolments with ``completed_at``, in the order of their last change
(``updated_at``, then id): a client reads pages of at most API_PAGE_SIZE rows with a
cursor and, later, resumes from its last cursor to get only what changed. Rows
changed in the last API_SETTLE_SECONDS are held back until the next call, so a
transaction that commits late with an older ``updated_at`` is not skipped.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from ninja.errors import HttpError

from certificates.codes import normalise_code
from certificates.models import Certificate
from courses.models import Enrolment

from . import cursor, pages
from .scope import covers, in_subtree, personal_id

ORDER = ("updated_at", "id")
COLUMNS = (
    "id",
    "updated_at",
    "completed_at",
    "course_id",
    "source",
    "organisation_id",
    "organisation__official_code",
    "user_id",
    "user__citizen_id",
)


def _key(row):
    return [row[1].isoformat(), row[0]]


def _parse(key):
    return datetime.fromisoformat(key[0]), int(key[1])


def completions_page(client, *, updated_since=None, raw_cursor=None, limit=None):
    limit = pages.page_size(limit)
    settled = timezone.now() - timedelta(seconds=settings.API_SETTLE_SECONDS)
    queryset = in_subtree(
        Enrolment.objects.filter(completed_at__isnull=False, updated_at__lt=settled),
        client,
    )
    if updated_since is not None:
        queryset = queryset.filter(updated_at__gte=updated_since)
    queryset = pages.after(
        queryset, ORDER, cursor.decode("completions", raw_cursor, _parse)
    )
    rows = queryset.order_by(*ORDER).values_list(*COLUMNS)[: limit + 1]
    rows, next_cursor, has_more = pages.page(
        "completions", rows, limit, _key, raw_cursor
    )
    items = [
        {
            "id": pk,
            "updated_at": updated_at,
            "completed_at": completed_at,
            "course_id": course_id,
            "source": source,
            "unit_id": unit_id,
            "unit_official_code": official_code,
            "learner_id": user_id,
            "personal_id": personal_id(client, citizen_id),
        }
        for (pk, updated_at, completed_at, course_id, source, unit_id, official_code,
             user_id, citizen_id) in rows
    ]  # fmt: skip
    return {"items": items, "next_cursor": next_cursor, "has_more": has_more}


def certificate_by_code(client, code):
    """The certificate with this verification code in the client's subtree, or 404
    (a certificate elsewhere is not even confirmed to exist)."""
    code = normalise_code(code)
    certificate = (
        Certificate.objects.filter(verification_code=code)
        .select_related("enrolment__organisation", "holder")
        .first()
        if code
        else None
    )
    if certificate is None or certificate.enrolment is None:
        raise HttpError(404, "Not found.")
    if not covers(client, certificate.enrolment.organisation):
        raise HttpError(404, "Not found.")
    return {
        "code": certificate.verification_code,
        "serial": certificate.serial,
        "status": certificate.status,
        "holder_name": certificate.holder_name,
        "holder_personal_id": personal_id(
            client, certificate.holder.citizen_id if certificate.holder else ""
        ),
        "course_id": certificate.enrolment.course_id,
        "course_title": certificate.course_title,
        "issued_at": certificate.issued_at,
        "revoked_at": certificate.revoked_at,
    }
