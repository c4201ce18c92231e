"""Migration certificates 0002: template images leave the public library."""

import io
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image as PILImage

from demo import certificate_art as demo_art

BEFORE = [("certificates", "0001_certificates_templates_and_records")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


def _image(apps, title, data, filename):
    Image = apps.get_model("wagtailimages", "Image")
    Collection = apps.get_model("wagtailcore", "Collection")
    name = default_storage.save(f"original_images/{filename}", ContentFile(data))
    width, height = PILImage.open(io.BytesIO(data)).size
    return Image.objects.create(
        title=title,
        file=name,
        width=width,
        height=height,
        collection=Collection.objects.order_by("path").first(),
    )


@pytest.mark.django_db(transaction=True)
def test_template_images_move_to_private_storage_and_public_files_go(
    settings, home_page
):
    apps = _migrate(BEFORE)
    Template = apps.get_model("certificates", "CertificateTemplate")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    Rendition = apps.get_model("wagtailimages", "Rendition")

    signature = _image(apps, "Chữ ký", demo_art.signature_png(), "chu-ky.png")
    logo = _image(apps, "Biểu trưng", demo_art.logo_png(), "bieu-trung.png")
    rendition_name = default_storage.save(
        "images/chu-ky.max-165x165.png", ContentFile(demo_art.signature_png())
    )
    Rendition.objects.create(
        image=signature,
        filter_spec="max-165x165",
        file=rendition_name,
        width=165,
        height=66,
    )
    prepared = default_storage.save(
        "certificates/art/signature-x.png", ContentFile(b"x")
    )
    Template.objects.create(
        name="Mẫu",
        is_default=True,
        signature_image=signature,
        logo=logo,
        prepared_signature=prepared,
        prepared_from="old",
    )
    # The logo is also used on a page: it stays in the library for that page.
    image_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailimages", model="image"
    )
    page_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    ReferenceIndex.objects.create(
        content_type=page_type,
        base_content_type=page_type,
        object_id="3",
        to_content_type=image_type,
        to_object_id=str(logo.pk),
        model_path="body",
        content_path="body.1",
        content_path_hash=uuid.uuid4(),
    )
    signature_file = signature.file.name

    _migrate(None)

    from wagtail.images import get_image_model

    from certificates.models import CertificateArtwork, CertificateTemplate

    template = CertificateTemplate.objects.get(name="Mẫu")
    assert template.signature_image.title == "Chữ ký"
    assert template.signature_image.kind == "signature"
    assert template.logo.kind == "seal"
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    assert (private / template.signature_image.file.name).read_bytes() == (
        demo_art.signature_png()
    )
    assert CertificateArtwork.objects.count() == 2
    # The signature is gone from the public library and from /media/.
    assert list(get_image_model().objects.values_list("title", flat=True)) == [
        "Biểu trưng"
    ]
    media = Path(settings.MEDIA_ROOT)
    assert not (media / signature_file).exists()
    assert not (media / rendition_name).exists()
    assert not (media / prepared).exists()
    assert template.prepared_from == "" and template.prepared_signature == ""
