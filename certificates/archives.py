"""A class's certificates as one ZIP, built in the background with progress.

Files are numbered in Vietnamese name order (given name first) and named without
diacritics, so that Windows' Explorer, old ZIP tools and USB sticks show every name
correctly and in the class list's order.
"""

import logging
import re
import tempfile
import unicodedata
import zipfile

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.queueing import publish
from people.retention import delete_files
from people.text import clean_text, vietnamese_sort_key

from .models import Certificate, ClassArchive

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 10


def ascii_name(text):
    """ "Nguyễn Thị Ánh Tuyết" → "Nguyen_Thi_Anh_Tuyet": safe on any file system."""
    text = clean_text(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "_", plain).strip("_") or "chung_nhan"


def class_certificates(school_class, course=None):
    """Issued certificates of the class's learners, in Vietnamese name order."""
    certificates = Certificate.objects.issued().of_class(school_class)
    if course is not None:
        certificates = certificates.filter(enrolment__course=course)
    return sorted(
        certificates.select_related("enrolment__course"),
        key=lambda c: (vietnamese_sort_key(c.holder_name), c.course_title, c.pk),
    )


def entry_names(certificates, by_course):
    """ "01_Nguyen_Van_An.pdf", or in a folder per course when there are several."""
    width = max(2, len(str(len(certificates))))
    names = []
    for index, certificate in enumerate(certificates, start=1):
        name = f"{index:0{width}d}_{ascii_name(certificate.holder_name)}.pdf"
        if by_course:
            name = f"{slugify(ascii_name(certificate.course_title))}/{name}"
        names.append(name)
    return names


def archive_name(archive):
    school_class = archive.school_class
    parts = ["chung-nhan", f"lop-{ascii_name(school_class.name)}"]
    if archive.course_id:
        parts.append(slugify(ascii_name(archive.course.title))[:40])
    parts.append(f"{timezone.localtime(archive.created_at):%Y%m%d-%H%M}")
    return "_".join(parts).lower() + ".zip"


def start(school_class, course, user):
    """Reuse an unfinished ZIP of the same class and course, or queue a new one."""

    unfinished = ClassArchive.objects.filter(
        school_class=school_class,
        course=course,
        requested_by=user,
        status__in=[ClassArchive.Status.PENDING, ClassArchive.Status.RUNNING],
    ).first()
    if unfinished is not None:
        return unfinished
    archive = ClassArchive.objects.create(
        school_class=school_class, course=course, requested_by=user
    )
    transaction.on_commit(lambda: _send(archive.pk))
    return archive


BROKER_DOWN = "broker unavailable"


def _send(archive_id):
    """Queue the build; while the broker is down say so at once rather than leave
    a ZIP "waiting" that nothing will build (the coordinator asks again later)."""
    from .tasks import build_class_archive

    if not publish(build_class_archive, archive_id):
        ClassArchive.objects.filter(
            pk=archive_id, status=ClassArchive.Status.PENDING
        ).update(
            status=ClassArchive.Status.FAILED,
            error=BROKER_DOWN,  # the page tells the coordinator to ask again
            finished_at=timezone.now(),
        )


def build(archive_id):
    """Write the ZIP, updating ``done`` as it goes; a finished archive is kept."""
    archive = (
        ClassArchive.objects.select_related("school_class", "course")
        .filter(pk=archive_id)
        .first()
    )
    if archive is None or archive.status == ClassArchive.Status.DONE:
        return archive
    try:
        certificates = class_certificates(archive.school_class, archive.course)
        names = entry_names(certificates, by_course=archive.course_id is None)
        ClassArchive.objects.filter(pk=archive.pk).update(
            status=ClassArchive.Status.RUNNING, total=len(certificates), done=0
        )
        with tempfile.TemporaryFile() as spool:
            # PDFs are compressed already: storing them is as small and far faster.
            with zipfile.ZipFile(spool, "w", zipfile.ZIP_STORED) as bundle:
                for done, (certificate, name) in enumerate(
                    zip(certificates, names, strict=True), start=1
                ):
                    with certificate.pdf.open("rb") as handle:
                        bundle.writestr(name, handle.read())
                    if done % PROGRESS_EVERY == 0:
                        ClassArchive.objects.filter(pk=archive.pk).update(done=done)
            spool.seek(0)
            archive.file.save(archive_name(archive), File(spool), save=False)
        ClassArchive.objects.filter(pk=archive.pk).update(
            file=archive.file.name,
            status=ClassArchive.Status.DONE,
            done=len(certificates),
            finished_at=timezone.now(),
        )
    except Exception as exc:  # shown on the progress page; the coordinator retries
        logger.exception("class archive %s failed", archive_id)
        ClassArchive.objects.filter(pk=archive.pk).update(
            status=ClassArchive.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )
    archive.refresh_from_db()
    return archive


def delete_expired_archives(cutoff):
    """The retention rule of class ZIPs (people/retention.py): finished archives
    asked for before ``cutoff`` go with their files; returns the files' names."""
    old = ClassArchive.objects.filter(
        created_at__lt=cutoff,
        status__in=[ClassArchive.Status.DONE, ClassArchive.Status.FAILED],
    )
    return delete_files(old, ("file",), delete_rows=True)
