"""Admins: the template snippet prepares its images; failures have a retry action."""

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate, CertificateTemplate
from courses.models import Enrolment
from demo.certificate_templates import load_certificate_template
from tests.factories import UserFactory

NO_AUDIENCES = {
    "audience_links-TOTAL_FORMS": "0",
    "audience_links-INITIAL_FORMS": "0",
    "audience_links-MIN_NUM_FORMS": "0",
    "audience_links-MAX_NUM_FORMS": "1000",
}


def one_course_link(course):
    """The template form's course inline, filled with one new link to ``course``."""
    return {
        "course_links-TOTAL_FORMS": "1",
        "course_links-INITIAL_FORMS": "0",
        "course_links-MIN_NUM_FORMS": "0",
        "course_links-MAX_NUM_FORMS": "1000",
        "course_links-0-course": course.pk,
        "course_links-0-id": "",
    }


@pytest.fixture
def admin_user(db):
    return UserFactory(username="quantri", is_staff=True, is_superuser=True)


def test_failed_certificates_are_listed_and_retried(
    client, admin_user, learner, course, django_capture_on_commit_callbacks
):
    enrolment = Enrolment.objects.create(
        user=learner, course=course, completed_at=timezone.now()
    )
    failed = Certificate.objects.create(
        enrolment=enrolment,
        verification_code="F" * 13,
        status="failed",
        last_error="OSError: disk full",
    )
    client.force_login(admin_user)
    changelist = reverse("admin:certificates_certificate_changelist")
    response = client.get(changelist, {"status__exact": "failed"})
    assert response.status_code == 200
    assert f"/{failed.pk}/change/" in response.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist,
            {"action": "retry_issuing", "_selected_action": [failed.pk]},
        )
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == "issued"


def test_wagtail_menu_links_to_the_failures(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert (
        reverse("admin:certificates_certificate_changelist") + "?status__exact=failed"
    ) in response.text


def test_template_added_in_wagtail_prepares_its_images_once(
    client, admin_user, template, course
):
    client.force_login(admin_user)
    data = {
        "name": "Mẫu riêng của khóa",
        "title": "GIẤY CHỨNG NHẬN",
        "subtitle": "",
        "completion_wording": "Đã hoàn thành khóa học",
        "superior_body": "",
        "issuing_body": "",
        "place_name": "",
        "serial_suffix": "GCN",
        "signer_title": "Hiệu trưởng",
        "signer_name": "Lý Văn Hiệu",
        "background_image": template.background_image_id,
        "logo": "",
        "signature_image": template.signature_image_id,
        "draw_frame": "on",
        **NO_AUDIENCES,
        **one_course_link(course),
        "course_links-0-ORDER": "1",
    }
    response = client.post(
        reverse("wagtailsnippets_certificates_certificatetemplate:add"), data
    )
    assert response.status_code == 302, response.content[:2000]
    added = CertificateTemplate.objects.get(name="Mẫu riêng của khóa")
    assert added.course_links.get().course_id == course.pk
    assert added.prepared_background.endswith(".jpg")
    assert added.prepared_signature.endswith(".png")
    assert added.prepared_logo == ""

    from certificates.artwork import prepare_template

    assert prepare_template(added) is False  # nothing to redo until an image changes


def test_a_course_has_one_template_of_its_own(client, admin_user, template, course):
    from certificates.models import CertificateTemplateCourse

    CertificateTemplateCourse.objects.create(template=template, course=course)
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailsnippets_certificates_certificatetemplate:add"),
        {
            "name": "Mẫu thứ hai",
            "title": "GIẤY CHỨNG NHẬN",
            "completion_wording": "Đã hoàn thành khóa học",
            "serial_suffix": "GCN",
            "signer_title": "Giám đốc",
            **NO_AUDIENCES,
            **one_course_link(course),
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert not CertificateTemplate.objects.filter(name="Mẫu thứ hai").exists()


def test_only_one_default_template(template):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateTemplate.objects.create(name="Khác", is_default=True)


def test_demo_templates_are_created_once(home_page):
    assert load_certificate_template() == 2
    assert load_certificate_template() == 0
    template = CertificateTemplate.objects.get(is_default=True)
    assert template.background_image and template.logo and template.signature_image
    assert template.prepared_signature.endswith(".png")
