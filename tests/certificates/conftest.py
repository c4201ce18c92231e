"""A school with a class, a learner in it, a course, and ways to complete it."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from certificates.models import CertificateArtwork, CertificateTemplate
from courses.completion import mark_lesson_done
from courses.models import Enrolment, LessonPage, QuizAttempt
from demo import certificate_art as demo_art
from home.models import PortalSettings
from people.models import Membership
from tests.factories import (
    CourseFactory,
    OrganisationFactory,
    SchoolClassFactory,
    learner_in,
    member_of,
)

ISSUING_BODY = "Sở Giáo dục và Đào tạo tỉnh Thái Nguyên"


@pytest.fixture
def portal(home_page):
    from wagtail.models import Site

    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.issuing_body = ISSUING_BODY
    settings.issuing_place = "Thái Nguyên"
    settings.save()
    return settings


@pytest.fixture
def province(db):
    return OrganisationFactory(code="19", name="Tỉnh Thái Nguyên", kind="province")


@pytest.fixture
def school(province):
    return OrganisationFactory(
        parent=province, code="19-T01", name="Trường THPT Bắc Kạn", kind="school"
    )


@pytest.fixture
def school_class(school):
    return SchoolClassFactory(name="10A1", organisation=school)


@pytest.fixture
def learner(school_class):
    return learner_in(
        school_class,
        full_name="Nguyễn Thị Ánh Tuyết",
        username="anhtuyet",
        date_of_birth=date(2011, 9, 14),
    )


@pytest.fixture
def coordinator(school):
    user = member_of(
        school,
        Membership.Role.COORDINATOR,
        username="giaovien",
        full_name="Nông Thị Hạnh",
    )
    return user


@pytest.fixture
def course(home_page, portal):
    course = CourseFactory(parent=home_page, lessons=2)
    return course


def complete(enrolment, score=Decimal("87.50")):
    """Pass the quiz and mark every lesson done: the last one completes the course."""
    course = enrolment.course
    from courses.models import QuizPage

    for quiz in QuizPage.objects.child_of(course):
        QuizAttempt.objects.create(
            enrolment=enrolment,
            quiz=quiz,
            number=QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz).count()
            + 1,
            submitted_at=timezone.now(),
            score=score,
            passed=True,
        )
    for lesson in LessonPage.objects.child_of(course):
        mark_lesson_done(enrolment, lesson)
    enrolment.refresh_from_db()
    return enrolment


@pytest.fixture
def completed(learner, course, django_capture_on_commit_callbacks):
    """The learner's enrolment, completed, with its certificate issued (eagerly)."""
    enrolment = Enrolment.objects.create(user=learner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        complete(enrolment)
    return enrolment


def wagtail_image(title, data, filename):
    """A public Wagtail image (a lesson's picture) from PNG bytes."""
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    width, height = PILImage.open(io.BytesIO(data)).size
    image = get_image_model()(
        title=title,
        file=ImageFile(io.BytesIO(data), name=filename),
        width=width,
        height=height,
    )
    image.save()
    return image


def artwork(title, data, filename, kind):
    """Private certificate artwork (not a Wagtail image) from PNG bytes."""
    made = CertificateArtwork(title=title, kind=kind)
    made.file.save(filename, ContentFile(data), save=False)
    made.save()
    return made


@pytest.fixture
def template(db):
    """A default template with background, logo and signature."""
    return CertificateTemplate.objects.create(
        name="Mẫu mặc định",
        is_default=True,
        superior_body="Ủy ban nhân dân tỉnh Thái Nguyên",
        serial_suffix="GCN-SGDĐT",
        signer_name="Nguyễn Văn Minh",
        background_image=artwork(
            "Nền", demo_art.background_png(), "nen.png", "background"
        ),
        logo=artwork("Biểu trưng", demo_art.logo_png(), "logo.png", "seal"),
        signature_image=artwork(
            "Chữ ký", demo_art.signature_png(), "ky.png", "signature"
        ),
    )
