"""The demo's default certificate template, with artwork drawn by ``demo_art``.

Idempotent: nothing is created when a default template exists already.
"""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from . import demo_art
from .artwork import prepare_template
from .models import CertificateTemplate

DEMO_TEMPLATE = {
    "name": "Mẫu giấy chứng nhận mặc định",
    "is_default": True,
    "superior_body": "Ủy ban nhân dân tỉnh Thái Nguyên",
    "serial_suffix": "GCN-SGDĐT",
    "signer_title": "Giám đốc",
    "signer_name": "Nguyễn Văn Minh",
}
DEMO_IMAGES = {
    "background_image": ("Nền giấy chứng nhận", "nen-chung-nhan.png"),
    "logo": ("Biểu trưng trên giấy chứng nhận", "bieu-trung.png"),
    "signature_image": ("Chữ ký trên giấy chứng nhận", "chu-ky.png"),
}
_ART = {
    "background_image": demo_art.background_png,
    "logo": demo_art.logo_png,
    "signature_image": demo_art.signature_png,
}


def _image(field):
    title, filename = DEMO_IMAGES[field]
    model = get_image_model()
    image = model.objects.filter(title=title).first()
    if image is None:
        image = wagtail_image(model, title, _ART[field](), filename)
    return image


def wagtail_image(model, title, data, filename):
    """A Wagtail image made from PNG bytes (its size read with Pillow)."""
    width, height = PILImage.open(io.BytesIO(data)).size
    image = model(
        title=title,
        file=ImageFile(io.BytesIO(data), name=filename),
        width=width,
        height=height,
    )
    image.save()
    return image


def load_certificate_template():
    """Create the default template with its images; returns how many were made."""
    if CertificateTemplate.objects.filter(is_default=True).exists():
        return 0
    template = CertificateTemplate(**DEMO_TEMPLATE)
    for field in DEMO_IMAGES:
        setattr(template, field, _image(field))
    template.save()
    prepare_template(template)
    return 1
