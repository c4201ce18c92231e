"""Signatures, seals and backgrounds printed on certificates."""

import hashlib

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from people.text import clean_text

from .storage import private_storage


class CertificateArtwork(models.Model):
    """A signature, seal or background picture printed on certificates.

    Not a Wagtail image, on purpose: a Wagtail image's file and renditions live in
    public storage (anyone with the URL downloads them, whatever collection it is
    in), and every editor's image chooser lists it. A model of its own keeps the
    file in private storage (``DJANGO_PRIVATE_MEDIA_ROOT``), served only by a view
    that checks the permission (``certificates.artwork_views``); only certificate
    administrators (the group of that name, ``certificates.roles``) see it in the
    admin, upload it and choose it in a template. Editors never meet it.
    """

    class Kind(models.TextChoices):
        SIGNATURE = "signature", _("Signature")
        SEAL = "seal", _("Seal or emblem")
        BACKGROUND = "background", _("Background")

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    file = models.ImageField(
        _("image file"),
        upload_to="certificates/artwork",
        storage=private_storage,
        help_text=_("PNG or JPEG. A scanned signature on white paper is fine."),
    )
    file_hash = models.CharField(max_length=64, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    panels = [FieldPanel("title"), FieldPanel("kind"), FieldPanel("file")]

    class Meta:
        verbose_name = _("certificate artwork")
        verbose_name_plural = _("certificate artwork")
        ordering = ["kind", "title"]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()})"

    def save(self, *args, **kwargs):
        self.title = clean_text(self.title)
        if not self.file_hash or not self.file._committed:  # a new upload
            self.file_hash = file_digest(self.file)
        super().save(*args, **kwargs)

    def get_file_hash(self):
        return self.file_hash


def file_digest(file):
    """SHA-256 of an uploaded or stored file (templates re-prepare when it changes)."""
    digest = hashlib.sha256()
    if file._committed:  # stored: read it and let go of it
        with file.storage.open(file.name, "rb") as handle:
            for chunk in iter(lambda: handle.read(64 * 1024), b""):
                digest.update(chunk)
    else:  # just uploaded: read it, then rewind for the storage to save it
        for chunk in file.file.chunks():
            digest.update(chunk)
        file.file.seek(0)
    return digest.hexdigest()
