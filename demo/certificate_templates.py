"""The demo's certificate templates, with artwork drawn by ``certificate_art``.

Two issuing bodies, as in a real province: youth-union members are certified by the
education department (the default template), one-stop staff by the department of
home affairs that trains them (a template for their audience, with its own signer
and signature). The artwork is private certificate artwork, never Wagtail images.
Idempotent: templates are matched by name, artwork by title.
"""

from django.core.files.base import ContentFile

from certificates.artwork import prepare_template
from certificates.models import (
    CertificateArtwork,
    CertificateTemplate,
    CertificateTemplateAudience,
)
from courses.models import Audience

from . import certificate_art

DEMO_TEMPLATE = {
    "name": "Mẫu giấy chứng nhận mặc định",
    "is_default": True,
    "superior_body": "Ủy ban nhân dân tỉnh Thái Nguyên",
    "issuing_body": "Sở Giáo dục và Đào tạo tỉnh Thái Nguyên",
    "serial_suffix": "GCN-SGDĐT",
    "signer_title": "Giám đốc",
    "signer_name": "Nguyễn Văn Minh",
}
ONE_STOP_TEMPLATE = {
    "name": "Mẫu giấy chứng nhận cán bộ Bộ phận một cửa",
    "is_default": False,
    "superior_body": "Ủy ban nhân dân tỉnh Thái Nguyên",
    "issuing_body": "Sở Nội vụ tỉnh Thái Nguyên",
    "serial_suffix": "GCN-SNV",
    "signer_title": "Giám đốc",
    "signer_name": "Hoàng Thị Lan",
}
# Template name -> the audience slug (demo.loader.AUDIENCES) it is for.
AUDIENCE_OF = {
    DEMO_TEMPLATE["name"]: "doan-vien",
    ONE_STOP_TEMPLATE["name"]: "can-bo-mot-cua",
}
ARTWORK = {
    "background": (
        "Nền giấy chứng nhận",
        "nen-chung-nhan.png",
        certificate_art.background_png,
    ),
    "seal": (
        "Biểu trưng trên giấy chứng nhận",
        "bieu-trung.png",
        certificate_art.logo_png,
    ),
    "signature": (
        "Chữ ký Giám đốc Sở GD&ĐT",
        "chu-ky.png",
        certificate_art.signature_png,
    ),
    "signature-snv": (
        "Chữ ký Giám đốc Sở Nội vụ",
        "chu-ky-snv.png",
        lambda: certificate_art.signature_png(variant=1),
    ),
}


def artwork(key):
    """The demo artwork ``key``, made (privately) the first time."""
    title, filename, draw = ARTWORK[key]
    found = CertificateArtwork.objects.filter(title=title).first()
    if found is not None:
        return found
    kind = key.split("-")[0]
    made = CertificateArtwork(title=title, kind=kind)
    made.file.save(filename, ContentFile(draw()), save=False)
    made.save()
    return made


def _template(spec, signature_key):
    template = CertificateTemplate.objects.filter(name=spec["name"]).first()
    if template is not None:
        return template, False
    if (
        spec["is_default"]
        and CertificateTemplate.objects.filter(is_default=True).exists()
    ):
        return None, False  # the site has its own default: leave it alone
    template = CertificateTemplate(
        **spec,
        background_image=artwork("background"),
        logo=artwork("seal"),
        signature_image=artwork(signature_key),
    )
    template.save()
    prepare_template(template)
    return template, True


def load_certificate_template():
    """Create the demo templates with their artwork and audiences; returns how
    many templates were made."""
    made = 0
    for spec, signature_key in (
        (DEMO_TEMPLATE, "signature"),
        (ONE_STOP_TEMPLATE, "signature-snv"),
    ):
        template, created = _template(spec, signature_key)
        made += created
        audience = Audience.objects.filter(slug=AUDIENCE_OF[spec["name"]]).first()
        if template is None or audience is None:
            continue
        CertificateTemplateAudience.objects.get_or_create(
            audience=audience, defaults={"template": template}
        )
    return made
