"""Finished jobs that hold a file: a roster import, a class archive, an export.

Each file is a few bytes of the right kind, made per object, so that views which
serve or list these jobs have something real to open.
"""

import factory
from django.core.files.base import ContentFile

from certificates.models import ClassArchive
from people.models import RosterImport
from reports.models import ExportJob


class RosterImportFactory(factory.django.DjangoModelFactory):
    """A roster of class 10A1 waiting at the preview step, with its error rows
    and login slips; pass ``organisation`` and ``created_by``."""

    class Meta:
        model = RosterImport

    school_year = "2026-2027"
    default_class_name = "10A1"
    filename = "10A1.csv"
    file = factory.LazyFunction(
        lambda: ContentFile(b"Ho ten\nLy Thi Mai\n", name="10A1.csv")
    )
    status = RosterImport.Status.PREVIEW
    error_rows = factory.LazyFunction(
        lambda: ContentFile(b"Dong,Loi\n2,Thieu ten\n", name="loi.csv")
    )
    slips = factory.LazyFunction(
        lambda: ContentFile(b"%PDF-1.4 slips", name="phieu.pdf")
    )


class ClassArchiveFactory(factory.django.DjangoModelFactory):
    """A finished ZIP of a class's certificates (an empty ZIP); pass
    ``school_class``, ``course`` and ``requested_by``."""

    class Meta:
        model = ClassArchive

    status = ClassArchive.Status.DONE
    file = factory.LazyFunction(
        lambda: ContentFile(b"PK\x05\x06" + bytes(18), name="10A1.zip")
    )


class ExportJobFactory(factory.django.DjangoModelFactory):
    """A finished CSV export of the statistics; pass ``requested_by``."""

    class Meta:
        model = ExportJob

    filters = factory.LazyFunction(dict)
    format = ExportJob.Format.CSV
    status = ExportJob.Status.DONE
    file = factory.LazyFunction(
        lambda: ContentFile(b"\xef\xbb\xbfDon vi\n", name="thong-ke.csv")
    )
