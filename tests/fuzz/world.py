"""A small, demo-like world for the fuzz suite and benchmarks/bad_input.py.

Two schools in two communes of one province, a course with lessons and a quiz, and
someone in every role; each object a URL can name exists (a roster import, a
certificate, a ZIP, an export, an image, a document, a redirect…), so that generated
URLs reach real views, and ids of school B are "other units' ids" to school A's
staff. ``build_world()`` needs only the ORM (no pytest), so the benchmark can seed a
PostgreSQL database with it.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import TestCase
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from certificates.models import Certificate, CertificateTemplate
from courses import quiz
from courses.enrolment import enrol_class
from courses.exam_windows import set_quiz_window
from courses.models import (
    Audience,
    Enrolment,
    Programme,
    ProgrammeCourse,
    Question,
    QuestionBank,
    QuizPage,
)
from demo import certificate_art as demo_art
from home.models import HomePage
from people.models import Membership
from tests.factories import (
    ClassArchiveFactory,
    ExportJobFactory,
    OrganisationFactory,
    RosterImportFactory,
    SchoolClassFactory,
    UserFactory,
    learner_in,
    member_of,
)

ROLES = ("anonymous", "learner", "coordinator", "viewer", "editor", "superuser")


@dataclass
class World:
    users: dict  # role -> user (None for anonymous)
    objects: dict  # name -> object, for the id pools


def build_world():
    """Build it, running on-commit work (the certificate) as it is queued."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        world = _build()
    done = world.objects.pop("completed_enrolment")
    world.objects["certificate"] = Certificate.objects.get(enrolment=done)
    return world


def _build():
    from people.data_requests import file_request
    from tests.certificates.conftest import complete
    from tests.factories import CourseFactory, build_course

    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    province = OrganisationFactory(code="19", name="Tỉnh Thái Nguyên", kind="province")
    commune_a = OrganisationFactory(parent=province, code="19001", kind="commune")
    province.refresh_from_db()
    commune_b = OrganisationFactory(parent=province, code="19002", kind="commune")
    commune_a.refresh_from_db()
    school_a = OrganisationFactory(parent=commune_a, code="19-T01", name="THPT Bắc Kạn")
    commune_b.refresh_from_db()
    school_b = OrganisationFactory(parent=commune_b, code="19-T02", name="THPT Chợ Đồn")
    class_a = SchoolClassFactory(organisation=school_a, name="10A1")
    class_b = SchoolClassFactory(organisation=school_b, name="12C1")

    learner = learner_in(class_a, username="fz_hocsinh", full_name="Lý Thị Mai")
    learner_b = learner_in(class_b, username="fz_hocsinh_b", full_name="Hà Văn Nam")
    coordinator = member_of(
        school_a, Membership.Role.COORDINATOR, username="fz_giaovien"
    )
    coordinator_b = member_of(
        school_b, Membership.Role.COORDINATOR, username="fz_giaovien_b"
    )
    viewer = member_of(province, Membership.Role.VIEWER, username="fz_sogd")
    editor = UserFactory(username="fz_bientap")
    editor.groups.add(Group.objects.get(name="Editors"))
    superuser = UserFactory(username="fz_admin", is_staff=True, is_superuser=True)

    audience = Audience.objects.create(name="Đoàn viên", slug="fz-doan-vien")
    course, quiz_page = build_course(home, lessons=2, slug="fz-an-toan-so")
    course.audiences.add(audience)
    quiz_page = QuizPage.objects.get(pk=quiz_page.pk)
    other_course = CourseFactory(parent=home, lessons=1, slug="fz-mot-cua")
    CertificateTemplate.objects.create(name="Mẫu", is_default=True)
    programme = Programme.objects.create(title="Kỹ năng số", audience=audience)
    for order, member in enumerate((other_course, course)):
        ProgrammeCourse.objects.create(
            programme=programme, course=member, sort_order=order
        )

    done = Enrolment.objects.create(user=learner, course=other_course)
    complete(done)
    enrolment = Enrolment.objects.create(user=learner, course=course)
    attempt = quiz.start_attempt(enrolment, quiz_page, course=course)
    Enrolment.objects.create(user=learner_b, course=course)
    enrol_class(class_a, course, by=coordinator)
    enrol_class(class_b, course, by=coordinator_b)
    set_quiz_window(class_b, quiz_page, True, by=coordinator_b)

    roster = RosterImportFactory(organisation=school_a, created_by=coordinator)
    archive = ClassArchiveFactory(
        school_class=class_a, course=course, requested_by=coordinator
    )
    export = ExportJobFactory(requested_by=coordinator)
    # A guardian's request for a copy (an erasure here would erase the fuzzed learner)
    file_request(learner, coordinator, "access", guardian_name="Lý Văn Hùng")
    image = get_image_model().objects.create(
        title="Ảnh bài học",
        file=ContentFile(demo_art.logo_png(), name="anh.png"),
    )
    document = get_document_model().objects.create(
        title="Tài liệu", file=ContentFile(b"%PDF-1.4 tai lieu", name="tai-lieu.pdf")
    )
    redirect = Redirect.objects.create(old_path="/cu", redirect_link="/")
    bank = QuestionBank.objects.create(name="Ngân hàng an toàn số")
    Question.objects.create(
        bank=bank,
        text="Mật khẩu nào mạnh?",
        choices=[
            ("choice", {"text": "123456", "correct": False}),
            ("choice", {"text": "Tr@ngXanh-2025!", "correct": True}),
        ],
    )
    lesson = course.get_children().first().specific
    lesson.save_revision(user=editor)  # a revision to compare and revert to
    return World(
        users={
            "anonymous": None,
            "learner": learner,
            "coordinator": coordinator,
            "viewer": viewer,
            "editor": editor,
            "superuser": superuser,
        },
        objects={
            "province": province,
            "school_a": school_a,
            "school_b": school_b,
            "class_a": class_a,
            "class_b": class_b,
            "learner_b": learner_b,
            "course": course,
            "other_course": other_course,
            "quiz_page": quiz_page,
            "attempt": attempt,
            "completed_enrolment": done,
            "roster": roster,
            "archive": archive,
            "export": export,
            "question_bank": bank,
            "image": image,
            "document": document,
            "redirect": redirect,
            "lesson": Page.objects.get(pk=lesson.pk),
        },
    )
