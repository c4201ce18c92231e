"""Certificate records, the templates they are printed from, their artwork,
counters and class archives, one module per concept; every model is importable
from here."""

from .archives import ClassArchive
from .artwork import CertificateArtwork, file_digest
from .records import Certificate, CertificateQuerySet, SerialCounter
from .storage import private_storage
from .templates import (
    CertificateTemplate,
    CertificateTemplateAudience,
    CertificateTemplateCourse,
)

__all__ = [
    "Certificate",
    "CertificateArtwork",
    "CertificateQuerySet",
    "CertificateTemplate",
    "CertificateTemplateAudience",
    "CertificateTemplateCourse",
    "ClassArchive",
    "SerialCounter",
    "file_digest",
    "private_storage",  # named by migrations (the private files' storage)
]
