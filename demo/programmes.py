"""The demo programme: four courses for one-stop staff, and a colleague who has
completed them all (so the programme certificate is issued).

The programme is content (loaded in load_demo's transaction); the colleague's
learning goes through the site's own functions afterwards, like demo/activity.py,
so completing the last course records the programme and asks for its certificate.
"""

from django.db import transaction

from courses.enrolment import enrol_self
from courses.models import (
    Audience,
    CoursePage,
    Programme,
    ProgrammeCompletion,
    ProgrammeCourse,
)
from courses.programmes import record_completions
from people.models import User

from .activity import finish

TITLE = "Kỹ năng số cho cán bộ Bộ phận một cửa"
DESCRIPTION = (
    "Bốn khoá học theo thứ tự cho cán bộ tiếp nhận và trả kết quả: kỹ năng số cơ "
    "bản, an toàn trên mạng, số hoá hồ sơ và hướng dẫn người dân nộp hồ sơ, thanh "
    "toán trực tuyến. Hoàn thành cả bốn khoá để nhận giấy chứng nhận chương trình."
)
COURSE_SLUGS = [
    "ky-nang-so-co-ban",
    "cong-dan-so-an-toan",
    "tiep-nhan-va-so-hoa-ho-so",
    "huong-dan-nop-ho-so-va-thanh-toan-truc-tuyen",
]
AUDIENCE_SLUG = "can-bo-mot-cua"
GRADUATE = "motcua.02"  # a colleague of "motcua" (demo/loader.py ONE_STOP_COLLEAGUES)


def load_programme():
    """Returns 1 when the programme was made, 0 when it was there already."""
    if Programme.objects.filter(title=TITLE).exists():
        return 0
    courses = {c.slug: c for c in CoursePage.objects.filter(slug__in=COURSE_SLUGS)}
    if len(courses) != len(COURSE_SLUGS):
        return 0
    programme = Programme.objects.create(
        title=TITLE,
        audience=Audience.objects.filter(slug=AUDIENCE_SLUG).first(),
        description=DESCRIPTION,
    )
    ProgrammeCourse.objects.bulk_create(
        ProgrammeCourse(programme=programme, course=courses[slug], sort_order=order)
        for order, slug in enumerate(COURSE_SLUGS)
    )
    return 1


def load_programme_activity():
    """The colleague takes every course; returns 1 when the programme got completed
    now, 0 when already done (or its parts are missing)."""
    programme = Programme.objects.filter(title=TITLE).first()
    user = User.objects.filter(username=GRADUATE).first()
    if programme is None or user is None:
        return 0
    if ProgrammeCompletion.objects.filter(programme=programme, user=user).exists():
        return 0
    rows = programme.programme_courses.select_related("course").order_by("sort_order")
    for row in rows:
        course = row.course
        with transaction.atomic():
            enrolment, _created = enrol_self(user, course)
        enrolment.course = course
        finish(enrolment, course)
    # Normally recorded already by the last course's completion; this call (a no-op
    # then) also covers a load whose commit callbacks never ran (the tests).
    enrolment.refresh_from_db()
    with transaction.atomic():
        record_completions(enrolment)
    return int(
        ProgrammeCompletion.objects.filter(programme=programme, user=user).exists()
    )
