"""Two schools in two communes, and someone in every role.

Everything reachable by id belongs to school A (in commune A): its class, its learner's
enrolment, attempt and certificate, its roster import, its certificate ZIP. The people
who try to reach it are everyone else: a learner of school B, the coordinator of
school B, a statistics viewer of commune B, a content editor, the department
administrator of commune B. The coordinator of
school A is the control: the URL works for the right person.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group

from certificates.models import Certificate
from courses import quiz
from courses.enrolment import enrol_class
from courses.models import Enrolment, Notice, QuizPage
from people.data_requests import file_request
from people.models import DataRequest, Membership, Organisation
from tests.certificates.conftest import complete
from tests.factories import (
    ClassArchiveFactory,
    ExportJobFactory,
    OrganisationFactory,
    RosterImportFactory,
    SchoolClassFactory,
    UserFactory,
    build_course,
    learner_in,
    member_of,
)


@dataclass
class World:
    province: Organisation
    school_a: Organisation
    school_b: Organisation
    class_a: object
    class_b: object
    learner_a: object
    learner_b: object
    coordinator_a: object
    coordinator_b: object
    viewer_b: object
    editor: object
    course: object
    quiz_page: object
    enrolment_a: object
    attempt_a: object
    certificate_a: object
    roster_a: object
    archive_a: object
    export_a: object
    notice_a: object = None
    # Department administrators of commune A (the control) and commune B.
    administrator_a: object = None
    administrator_b: object = None
    # Learner A's guardian asked school A for a copy of their data.
    data_request_a: object = None


@pytest.fixture
def world(home_page, django_capture_on_commit_callbacks):
    province = OrganisationFactory(code="19", name="Tỉnh Thái Nguyên", kind="province")
    commune_a = OrganisationFactory(parent=province, code="19-X01", kind="commune")
    province.refresh_from_db()
    commune_b = OrganisationFactory(parent=province, code="19-X02", kind="commune")
    commune_a.refresh_from_db()
    school_a = OrganisationFactory(
        parent=commune_a, code="19-T01", name="Trường THPT Bắc Kạn"
    )
    commune_b.refresh_from_db()
    school_b = OrganisationFactory(
        parent=commune_b, code="19-T02", name="Trường THPT Chợ Đồn"
    )
    class_a = SchoolClassFactory(organisation=school_a, name="10A1")
    class_b = SchoolClassFactory(organisation=school_b, name="12C1")
    learner_a = learner_in(class_a, username="hocsinh_a", full_name="Lý Thị Mai")
    learner_b = learner_in(class_b, username="hocsinh_b", full_name="Hà Văn Nam")
    editor = UserFactory(username="bientap")
    editor.groups.add(Group.objects.get(name="Editors"))

    course, quiz_page = build_course(home_page, lessons=1)
    enrolment_a = Enrolment.objects.create(user=learner_a, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        complete(enrolment_a)  # the certificate is issued eagerly
    attempt_a = quiz.start_attempt(enrolment_a, quiz_page, course=course)
    coordinator_a = member_of(
        school_a, Membership.Role.COORDINATOR, username="giaovien_a"
    )
    enrol_class(class_a, course, by=coordinator_a)
    roster_a = RosterImportFactory(organisation=school_a, created_by=coordinator_a)
    archive_a = ClassArchiveFactory(
        school_class=class_a, course=course, requested_by=coordinator_a
    )
    export_a = ExportJobFactory(requested_by=coordinator_a)
    data_request_a = file_request(
        learner_a, coordinator_a, DataRequest.Kind.ACCESS, guardian_name="Lý Văn Hùng"
    )
    return World(
        province=province,
        school_a=school_a,
        school_b=school_b,
        class_a=class_a,
        class_b=class_b,
        learner_a=learner_a,
        learner_b=learner_b,
        coordinator_a=coordinator_a,
        coordinator_b=member_of(
            school_b, Membership.Role.COORDINATOR, username="giaovien_b"
        ),
        viewer_b=member_of(commune_b, Membership.Role.VIEWER, username="xem_b"),
        editor=editor,
        course=course,
        quiz_page=QuizPage.objects.get(pk=quiz_page.pk),
        enrolment_a=enrolment_a,
        attempt_a=attempt_a,
        certificate_a=Certificate.objects.get(enrolment=enrolment_a),
        roster_a=roster_a,
        archive_a=archive_a,
        export_a=export_a,
        notice_a=Notice.objects.create(
            user=learner_a, course=course, kind=Notice.Kind.NOT_STARTED
        ),
        administrator_a=member_of(
            commune_a, Membership.Role.ADMINISTRATOR, username="quantri_a"
        ),
        administrator_b=member_of(
            commune_b, Membership.Role.ADMINISTRATOR, username="quantri_b"
        ),
        data_request_a=data_request_a,
    )
