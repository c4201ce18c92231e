"""A small province with hand-computed completion statistics.

    Tỉnh (viewer "sogd_test", coordinator "coord_province")
    ├── Phường Một (C1)
    │   ├── THPT Chu Văn An (S1): 10A1 = L1 L2 L3 L4, 10A2 = L5
    │   ├── THCS Trống (S2): no one — the empty unit
    │   └── THCS Cũ (S3): retired into S1; 9A1 = L6 L7
    └── Xã Hai (C2, viewer "viewer_c2")
        └── THPT Đại Từ (S4, coordinator "coord_s4"): 11B1 = L8 L9 L10

Course A (all of them; L10 withdrawn), course B (L8 only). L5 self-enrols in A,
then is enrolled again with 10A2: still one enrolment.

learner  course  enrolled  completed (days)  started  best  certificate
L1       A       09-01     09-11 (10)        yes      100  issued
L2       A       09-01     09-05 (4)         yes       80  revoked
L3       A       09-01     —                 yes       40
L4       A       09-01     —                 —          —
L5       A       09-01     09-21 (20)        yes       90
L6       A       09-01     09-03 (2)         yes       70
L7       A       09-01     —                 —          —
L8       A       10-01     10-07 (6)         yes       60  issued
L9       A       10-01     —                 yes       50
L10      A       10-01     withdrawn         —          —
L8       B       10-01     —                 —          —

Province, all courses: 10 enrolled, 7 started, 5 completed (50.0 %), 2 certificates,
average best score 490 / 7 = 70.0, median days 6 (2, 4, 6, 10, 20).
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse

from certificates.models import Certificate
from courses import views as course_views
from courses.enrolment import enrol_class
from courses.models import CoursePage, Enrolment
from people.models import Membership, Organisation
from tests.factories import (
    CourseFactory,
    OrganisationFactory,
    SchoolClassFactory,
    learner_in,
    member_of,
)

SEP_1 = datetime(2026, 9, 1, 8, tzinfo=UTC)
OCT_1 = datetime(2026, 10, 1, 8, tzinfo=UTC)


def _unit(parent, code, name, kind):
    parent = Organisation.objects.get(pk=parent.pk)  # fresh numchild for treebeard
    return OrganisationFactory(parent=parent, code=code, name=name, kind=kind)


def build(home_page):
    province = OrganisationFactory(code="19", name="Tỉnh Thái Nguyên", kind="province")
    c1 = _unit(province, "19-C1", "Phường Một", "commune")
    c2 = _unit(province, "19-C2", "Xã Hai", "commune")
    s1 = _unit(c1, "19-S1", "THPT Chu Văn An", "school")
    s2 = _unit(c1, "19-S2", "THCS Trống", "school")
    s3 = _unit(c1, "19-S3", "THCS Cũ", "school")
    s4 = _unit(c2, "19-S4", "THPT Đại Từ", "school")
    k1 = SchoolClassFactory(organisation=s1, name="10A1")
    k2 = SchoolClassFactory(organisation=s1, name="10A2")
    k3 = SchoolClassFactory(organisation=s3, name="9A1")
    k4 = SchoolClassFactory(organisation=s4, name="11B1")

    course_a = CourseFactory(parent=home_page)
    course_b = CourseFactory(parent=home_page, slug="dich-vu-cong")
    CoursePage.objects.filter(pk=course_b.pk).update(title="Dịch vụ công trực tuyến")

    names = {
        "L1": ("Nguyễn Văn An", k1),
        "L2": ("Trần Thị Bình", k1),
        "L3": ("Lê Văn Cường", k1),
        "L4": ("Phạm Thị Dung", k1),
        "L5": ("Hoàng Văn Em", k2),
        "L6": ("Đỗ Thị Giang", k3),
        "L7": ("Bùi Văn Hải", k3),
        "L8": ("Vũ Thị Hoa", k4),
        "L9": ("Đặng Văn Khoa", k4),
        "L10": ("Ngô Thị Lan", k4),
    }
    learners = {key: learner_in(k, full_name=name) for key, (name, k) in names.items()}

    # L5 enrols by themselves first, then the class is enrolled: one enrolment.
    request = RequestFactory().post(course_a.url + "ghi-danh/")
    request.user, request.session = learners["L5"], SessionStore()
    request._messages = FallbackStorage(request)
    assert course_views.enrol(request, course_a).status_code == 302
    for school_class in (k1, k2, k3, k4):
        enrol_class(school_class, course_a)
    Enrolment.objects.create(
        user=learners["L8"], course=course_b, organisation=s4, school_class=k4
    )
    # Retire S3 into S1 after its learners enrolled.
    Organisation.objects.filter(pk=s3.pk).update(succeeded_by=s1)

    plan = {
        "L1": (SEP_1, 10, 100),
        "L2": (SEP_1, 4, 80),
        "L3": (SEP_1, None, 40),
        "L4": (SEP_1, None, None),
        "L5": (SEP_1, 20, 90),
        "L6": (SEP_1, 2, 70),
        "L7": (SEP_1, None, None),
        "L8": (OCT_1, 6, 60),
        "L9": (OCT_1, None, 50),
        "L10": (OCT_1, None, None),
    }
    enrolments = {}
    for key, (enrolled, days, best) in plan.items():
        completed = enrolled + timedelta(days=days) if days is not None else None
        started = enrolled + timedelta(hours=1) if best is not None else None
        queryset = Enrolment.objects.filter(user=learners[key], course=course_a)
        queryset.update(
            enrolled_at=enrolled,
            started_at=started,
            completed_at=completed,
            best_score=Decimal(best) if best is not None else None,
            status=Enrolment.Status.COMPLETED if completed else Enrolment.Status.ACTIVE,
        )
        enrolments[key] = queryset.get()
    Enrolment.objects.filter(user=learners["L10"]).update(
        status=Enrolment.Status.WITHDRAWN
    )
    Enrolment.objects.filter(course=course_b).update(enrolled_at=OCT_1)
    for key, status, code in (
        ("L1", Certificate.Status.ISSUED, "CODE-L1"),
        ("L2", Certificate.Status.REVOKED, "CODE-L2"),
        ("L8", Certificate.Status.ISSUED, "CODE-L8"),
    ):
        Certificate.objects.create(
            enrolment=enrolments[key],
            holder=learners[key],
            status=status,
            verification_code=code,
        )

    return SimpleNamespace(
        province=province,
        c1=c1,
        c2=c2,
        s1=s1,
        s2=s2,
        s3=s3,
        s4=s4,
        k1=k1,
        k2=k2,
        k3=k3,
        k4=k4,
        course_a=course_a,
        course_b=course_b,
        learners=learners,
        enrolments=enrolments,
        viewer=member_of(province, Membership.Role.VIEWER, username="sogd_test"),
        viewer_c2=member_of(c2, Membership.Role.VIEWER, username="viewer_c2"),
        coord_s1=member_of(s1, Membership.Role.COORDINATOR, username="coord_s1"),
        coord_s4=member_of(s4, Membership.Role.COORDINATOR, username="coord_s4"),
        # may take the learner list with personal data of the whole province
        coord_all=member_of(
            province, Membership.Role.COORDINATOR, username="coord_province"
        ),
    )


def unit_url(unit, **params):
    return reverse("reports:unit", args=[unit.pk]), params
