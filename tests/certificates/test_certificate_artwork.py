"""Certificate artwork is private: not in editors' image library, never under
/media/, its files only for certificate administrators; certificates still carry it.
The issuing body and signer follow the course's audience."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import escape
from wagtail.images import get_image_model

from certificates import images, roles
from certificates.models import Certificate, CertificateArtwork, CertificateTemplate
from courses.models import Audience, Enrolment
from demo.certificate_templates import ARTWORK, load_certificate_template
from demo.loader import load_audiences
from tests.certificates.conftest import complete
from tests.certificates.pdf_tools import pdf_text
from tests.factories import CourseFactory, UserFactory

OLD_DEMO_TITLES = ["Chữ ký trên giấy chứng nhận", "Nền giấy chứng nhận"]


@pytest.fixture
def demo_artwork(home_page):
    load_audiences()
    load_certificate_template()
    return CertificateArtwork.objects.get(title=ARTWORK["signature"][0])


@pytest.fixture
def editor(db):
    user = UserFactory(username="bientap", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    from django.contrib.auth.models import Permission

    user.groups.get().permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="wagtailimages",
            codename__in=["add_image", "change_image", "choose_image"],
        ),
    )
    from wagtail.models import Collection, GroupCollectionPermission

    for permission in Permission.objects.filter(
        content_type__app_label="wagtailimages",
        codename__in=["add_image", "change_image", "choose_image"],
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=user.groups.get(),
            collection=Collection.get_first_root_node(),
            permission=permission,
        )
    return user


@pytest.fixture
def certificate_admin(db):
    user = UserFactory(username="vanthu", is_staff=False)
    user.groups.add(roles.ensure_group())
    return user


def html(response):
    """The page, or the HTML inside a chooser's JSON answer (escaped otherwise)."""
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.text


def signature_titles():
    return [ARTWORK["signature"][0], ARTWORK["signature-snv"][0], *OLD_DEMO_TITLES]


def test_editors_image_library_and_chooser_do_not_show_the_artwork(
    client, demo_artwork, editor
):
    assert not get_image_model().objects.exists()  # nothing in the public library
    from demo.certificate_art import logo_png
    from tests.certificates.conftest import wagtail_image

    wagtail_image("Ảnh bài học", logo_png(), "anh.png")
    client.force_login(editor)
    for url in ("/admin/images/", "/admin/images/chooser/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Ảnh bài học" in html(response)  # the library itself is listed
        for title in signature_titles():
            assert escape(title) not in html(response), (url, title)


def test_editors_cannot_open_the_artwork_chooser_list_or_file(
    client, demo_artwork, editor
):
    client.force_login(editor)
    chooser = reverse("wagtailsnippetchoosers_certificates_certificateartwork:choose")
    response = client.get(chooser)
    assert response.status_code in (302, 403)  # Wagtail redirects to the dashboard
    assert escape(demo_artwork.title) not in html(response)
    listing = reverse("wagtailsnippets_certificates_certificateartwork:list")
    assert client.get(listing).status_code in (302, 403)
    file_url = reverse("certificate_artwork_file", args=[demo_artwork.pk])
    assert client.get(file_url).status_code == 404
    client.logout()
    response = client.get(file_url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_certificate_administrators_see_choose_and_open_it(
    client, demo_artwork, certificate_admin
):
    client.force_login(certificate_admin)
    chooser = reverse("wagtailsnippetchoosers_certificates_certificateartwork:choose")
    response = client.get(chooser)
    assert response.status_code == 200
    assert escape(demo_artwork.title) in html(response)
    listing = client.get(
        reverse("wagtailsnippets_certificates_certificateartwork:list")
    )
    file_url = reverse("certificate_artwork_file", args=[demo_artwork.pk])
    assert file_url in listing.text  # the thumbnail comes from the checked view
    response = client.get(file_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    with demo_artwork.file.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()


def test_files_are_outside_public_media_and_its_url_is_404(
    client, demo_artwork, settings
):
    settings.SERVE_MEDIA = True
    name = demo_artwork.file.name
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).is_file()
    assert not (Path(settings.MEDIA_ROOT) / name).exists()
    assert client.get(f"/media/{name}").status_code == 404
    assert client.get("/media/original_images/chu-ky.png").status_code == 404

    for template in CertificateTemplate.objects.all():
        for prepared in (template.prepared_signature, template.prepared_background):
            assert images.art_storage().exists(prepared)
            assert not (Path(settings.MEDIA_ROOT) / prepared).exists()
            assert client.get(f"/media/{prepared}").status_code == 404


# ----------------------------------------------------------------- by audience


def _certify(home_page, learner, slug, audience_slug, capture):
    course = CourseFactory(parent=home_page, lessons=1, slug=slug)
    course.audiences.set([Audience.objects.get(slug=audience_slug)])
    course.save()
    enrolment = Enrolment.objects.create(user=learner, course=course)
    with capture(execute=True):
        complete(enrolment)
    return Certificate.objects.get(enrolment=enrolment)


def test_one_stop_staff_are_certified_by_the_body_that_trains_them(
    client, home_page, portal, demo_artwork, learner, django_capture_on_commit_callbacks
):
    one_stop = _certify(
        home_page,
        learner,
        "mot-cua",
        "can-bo-mot-cua",
        django_capture_on_commit_callbacks,
    )
    youth = _certify(
        home_page, learner, "doan-vien", "doan-vien", django_capture_on_commit_callbacks
    )
    assert one_stop.status == youth.status == "issued"
    assert one_stop.issuing_body == "Sở Nội vụ tỉnh Thái Nguyên"
    assert one_stop.serial.endswith("/GCN-SNV")
    assert youth.issuing_body == "Sở Giáo dục và Đào tạo tỉnh Thái Nguyên"

    with one_stop.pdf.open("rb") as handle:
        text, _pages = pdf_text(handle.read())
    assert "SỞ NỘI VỤ TỈNH THÁI NGUYÊN" in text
    assert "Hoàng Thị Lan" in text
    assert "GIÁO DỤC" not in text
    with youth.pdf.open("rb") as handle:
        text, _pages = pdf_text(handle.read())
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH THÁI NGUYÊN" in text
    assert "Nguyễn Văn Minh" in text

    page = client.get(
        reverse("certificates:verify_code", args=[one_stop.verification_code])
    )
    assert "Sở Nội vụ tỉnh Thái Nguyên" in page.text


def test_certificates_still_carry_the_private_signature(
    home_page, portal, demo_artwork, learner, django_capture_on_commit_callbacks
):
    import io

    from pypdf import PdfReader

    certificate = _certify(
        home_page,
        learner,
        "mot-cua",
        "can-bo-mot-cua",
        django_capture_on_commit_callbacks,
    )
    template = certificate.template
    assert template.signature_image.title == ARTWORK["signature-snv"][0]
    with certificate.pdf.open("rb") as handle:
        data = handle.read()
    signature = images.load_prepared(template.prepared_signature)
    assert signature.stream in data  # the signer's own ink, embedded as prepared
    assert len(PdfReader(io.BytesIO(data)).pages[0].images) == 3


def test_certificate_administrators_upload_artwork_and_edit_templates_in_wagtail(
    client, demo_artwork, certificate_admin, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from demo.certificate_art import signature_png

    client.force_login(certificate_admin)
    response = client.post(
        reverse("wagtailsnippets_certificates_certificateartwork:add"),
        {
            "title": "Chữ ký Phó Giám đốc",
            "kind": "signature",
            "file": SimpleUploadedFile("pho-gd.png", signature_png(variant=2)),
        },
    )
    assert response.status_code == 302, html(response)[:2000]
    added = CertificateArtwork.objects.get(title="Chữ ký Phó Giám đốc")
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / added.file.name).is_file()
    assert not list(Path(settings.MEDIA_ROOT).rglob("pho-gd*"))
    assert len(added.file_hash) == 64

    template = CertificateTemplate.objects.get(is_default=True)
    edit = client.get(
        reverse(
            "wagtailsnippets_certificates_certificatetemplate:edit", args=[template.pk]
        )
    )
    assert edit.status_code == 200
    assert escape(template.signature_image.title) in edit.text  # the chosen artwork


def test_editors_have_no_certificate_screens(client, demo_artwork, editor):
    client.force_login(editor)
    for name in ("certificateartwork", "certificatetemplate"):
        response = client.get(reverse(f"wagtailsnippets_certificates_{name}:list"))
        assert response.status_code in (302, 403), name
