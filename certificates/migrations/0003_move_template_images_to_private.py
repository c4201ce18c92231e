"""Certificate artwork leaves the public image library for private storage.

Each image a template uses becomes a CertificateArtwork whose file is copied into
the private storage. The public Wagtail image is then deleted with its renditions
and files, so /media/original_images/chu-ky.png is gone: always for a signature;
a background or logo only when nothing else (a lesson, a course cover) uses it,
per Wagtail's reference index. The template's prepared renditions, which were
under MEDIA_ROOT too, are deleted and made again (privately) at the next print.
Going back re-adds empty image fields (the images are not restored).
"""

import hashlib
import posixpath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import migrations

FIELDS = (
    ("background_image", "background_artwork", "background"),
    ("logo", "logo_artwork", "seal"),
    ("signature_image", "signature_artwork", "signature"),
)
PREPARED = ("prepared_background", "prepared_logo", "prepared_signature")


def _used_elsewhere(apps, image):
    """True if something other than a certificate template refers to the image."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    image_type = ContentType.objects.filter(
        app_label="wagtailimages", model="image"
    ).first()
    template_type = ContentType.objects.filter(
        app_label="certificates", model="certificatetemplate"
    ).first()
    if image_type is None:
        return False
    references = ReferenceIndex.objects.filter(
        to_content_type=image_type, to_object_id=str(image.pk)
    )
    if template_type is not None:
        references = references.exclude(content_type=template_type)
    return references.exists()


def _delete_public(apps, image):
    Rendition = apps.get_model("wagtailimages", "Rendition")
    for rendition in Rendition.objects.filter(image=image):
        if rendition.file.name:
            default_storage.delete(rendition.file.name)
        rendition.delete()
    if image.file.name:
        default_storage.delete(image.file.name)
    image.delete()


def move_to_private(apps, schema_editor):
    Template = apps.get_model("certificates", "CertificateTemplate")
    Artwork = apps.get_model("certificates", "CertificateArtwork")
    private = storages["private"]
    moved = {}  # image id -> artwork
    to_delete = {}
    for template in Template.objects.all():
        for old, new, kind in FIELDS:
            image = getattr(template, old)
            if image is None:
                continue
            if image.pk not in moved:
                with default_storage.open(image.file.name, "rb") as handle:
                    data = handle.read()
                name = private.save(
                    f"certificates/artwork/{posixpath.basename(image.file.name)}",
                    ContentFile(data),
                )
                moved[image.pk] = Artwork.objects.create(
                    title=image.title,
                    kind=kind,
                    file=name,
                    file_hash=hashlib.sha256(data).hexdigest(),
                )
            setattr(template, new, moved[image.pk])
            if kind == "signature" or not _used_elsewhere(apps, image):
                to_delete[image.pk] = image
        for field in PREPARED:
            name = getattr(template, field)
            if name:
                default_storage.delete(name)
            setattr(template, field, "")
        template.prepared_from = ""
        template.save()
    for image in to_delete.values():
        _delete_public(apps, image)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_private_certificate_artwork"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(move_to_private, migrations.RunPython.noop),
    ]
