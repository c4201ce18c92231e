"""The life of a roster import as background work: read → preview → apply → slips.

Each step runs in Celery (a web request only saves the upload and queues work) and
records its progress on the RosterImport row, which the page polls.
"""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from ..models import RosterImport
from .importing import apply_plan, preview_data, read_and_plan
from .messages import RosterFileError
from .reader import error_rows_csv
from .slips import Slip, render_slips

logger = logging.getLogger(__name__)


def read_for_preview(import_id):
    job = RosterImport.objects.select_related("organisation").get(pk=import_id)
    if job.status not in (RosterImport.Status.QUEUED, RosterImport.Status.READING):
        return
    # Dated: people/sweeps.py tells a read in progress from one whose worker died.
    RosterImport.objects.filter(pk=job.pk).update(
        status=RosterImport.Status.READING, updated_at=timezone.now()
    )
    try:
        parsed, plan = read_and_plan(job)
    except RosterFileError as error:
        job.status, job.message, job.preview = (
            RosterImport.Status.INVALID,
            str(error.message),
            {},
        )
        job.save(update_fields=["status", "message", "preview", "updated_at"])
        return
    job.preview = preview_data(plan)
    job.total = len(parsed.rows)
    job.processed = len(parsed.rows)
    if plan.problems:
        job.status = RosterImport.Status.INVALID
        job.error_rows.save(
            f"dong-loi-{job.pk}.csv",
            ContentFile(error_rows_csv(parsed, plan.problems)),
            save=False,
        )
    else:
        job.status = RosterImport.Status.PREVIEW
    job.save()


def apply_import(import_id):
    job = RosterImport.objects.select_related("organisation").get(pk=import_id)
    if job.status != RosterImport.Status.APPLYING:
        return  # a duplicate delivery, or already done
    RosterImport.objects.filter(pk=job.pk).update(updated_at=timezone.now())
    try:
        _parsed, plan = read_and_plan(job)
        if plan.problems:
            raise RosterFileError(_("The file changed and now has problems."))
        creates = plan.count("create")
        RosterImport.objects.filter(pk=job.pk).update(total=creates, processed=0)

        def progress(done):
            RosterImport.objects.filter(pk=job.pk).update(processed=done)

        slip_users = []

        def save_slips(created):
            # Inside the transaction: no account without the slip of its password.
            _save_slips(job, created)
            # Whose slips the file holds: each download is logged against them.
            slip_users[:] = [user.pk for user, _password in created]

        try:
            apply_plan(job, plan, on_progress=progress, before_commit=save_slips)
        except IntegrityError:
            # Another import took a username (or an e-mail) in the meantime: plan
            # again, once; a clash now shows as a problem of its row.
            _parsed, plan = read_and_plan(job)
            if plan.problems:
                raise RosterFileError(
                    _("The file changed and now has problems.")
                ) from None
            apply_plan(job, plan, on_progress=progress, before_commit=save_slips)
    except RosterFileError as error:
        _fail(job, str(error.message))
        return
    except Exception:
        logger.exception("roster import %s failed", job.pk)
        _fail(job, _("Something went wrong; nothing was changed. Please try again."))
        raise
    job.result = {**plan.summary(), "slip_users": slip_users}
    job.status = RosterImport.Status.DONE
    job.processed = job.total
    job.save()


def _save_slips(job, created):
    slips = [
        Slip(
            full_name=user.full_name,
            class_name=user.class_name,
            school=job.organisation.name,
            username=user.username,
            password=password,
        )
        for user, password in created
    ]
    if not slips:
        return
    try:
        pdf = render_slips(slips, **slip_context())
        job.slips.save(f"phieu-dang-nhap-{job.pk}.pdf", ContentFile(pdf), save=False)
    except Exception as error:
        logger.exception("roster import %s: slips failed", job.pk)
        raise RosterFileError(
            _(
                "The login slips could not be printed (%(reason)s), so no account "
                "was created. Please try again; if it happens again, tell the "
                "administrator."
            )
            % {"reason": type(error).__name__}
        ) from error


def slip_context():
    """The portal's name (the Wagtail site's name) and address for the slips."""
    site = Site.objects.filter(is_default_site=True).first()
    return {
        "site_url": settings.WAGTAILADMIN_BASE_URL,
        "portal_name": (site and site.site_name) or settings.WAGTAIL_SITE_NAME,
    }


def _fail(job, message):
    RosterImport.objects.filter(pk=job.pk).update(
        status=RosterImport.Status.FAILED, message=message
    )
