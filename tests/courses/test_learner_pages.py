"""Course, lesson and "My learning" pages as a learner uses them."""

import pytest
from django.urls import reverse

from courses.models import Enrolment, LessonPage, LessonProgress
from tests.factories import (
    CourseFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def lesson_url(course, n):
    return f"{course.url}bai-{n}/"


def test_course_page_invites_to_sign_in_then_enrol(client, course, learner):
    response = client.get(course.url)
    assert response.status_code == 200
    assert "Đăng nhập để ghi danh" in response.text
    client.force_login(learner)
    response = client.get(course.url)
    assert "Ghi danh khóa học này" in response.text
    assert "Bài 1" in response.text


def test_enrol_is_post_only_and_idempotent(signed_in, course, learner):
    assert signed_in.get(course.url + "ghi-danh/").status_code == 405
    response = signed_in.post(course.url + "ghi-danh/")
    assert response.status_code == 302
    assert response["Location"] == lesson_url(course, 1)
    signed_in.post(course.url + "ghi-danh/")  # double click
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1
    enrolment = Enrolment.objects.get()
    assert enrolment.source == Enrolment.Source.SELF


def test_courses_without_self_enrolment_refuse_it(signed_in, home_page):
    course = CourseFactory(parent=home_page, slug="giao-khoa", self_enrol=False)
    response = signed_in.post(course.url + "ghi-danh/", follow=True)
    assert "không tự ghi danh được" in response.text
    assert not Enrolment.objects.exists()


def test_lessons_need_sign_in_and_enrolment(client, course, learner):
    url = lesson_url(course, 2)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:login"))

    client.force_login(learner)
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == course.url
    assert "Hãy ghi danh khóa học trước" in response.text
    response = client.post(url + "hoan-thanh/")
    assert response.status_code == 302
    assert not LessonProgress.objects.exists()


def test_a_lesson_opened_out_of_order_works_and_mark_done_moves_on(
    signed_in, course, learner
):
    Enrolment.objects.create(user=learner, course=course)
    response = signed_in.get(lesson_url(course, 2))
    assert response.status_code == 200
    assert "Nội dung bài 2" in response.text
    assert f'href="{lesson_url(course, 1)}"' in response.text  # previous
    assert f'href="{lesson_url(course, 3)}"' in response.text  # next

    response = signed_in.post(lesson_url(course, 2) + "hoan-thanh/")
    assert response["Location"] == lesson_url(course, 3)
    assert LessonProgress.objects.get().lesson.slug == "bai-2"
    response = signed_in.get(lesson_url(course, 2))
    assert "Bạn đã học xong bài này." in response.text


def test_continue_goes_to_the_first_unfinished_item(signed_in, course, learner):
    enrolment = Enrolment.objects.create(user=learner, course=course)
    signed_in.post(lesson_url(course, 1) + "hoan-thanh/")
    signed_in.get(lesson_url(course, 3))  # opened, not finished
    response = signed_in.get(course.url + "tiep-tuc/")
    assert response["Location"] == lesson_url(course, 3)
    enrolment.refresh_from_db()
    assert enrolment.last_page.slug == "bai-3"


def test_withdrawn_learner_cannot_open_lessons(signed_in, course, learner):
    Enrolment.objects.create(
        user=learner, course=course, status=Enrolment.Status.WITHDRAWN
    )
    response = signed_in.get(lesson_url(course, 1))
    assert response.status_code == 302
    assert response["Location"] == course.url


@pytest.mark.parametrize("lessons", [3, 12])
def test_lesson_page_queries_do_not_grow_with_the_course(
    client, home_page, lessons, django_assert_max_num_queries
):
    course = CourseFactory(parent=home_page, lessons=lessons)
    user = UserFactory()
    enrolment = Enrolment.objects.create(user=user, course=course)
    for lesson in LessonPage.objects.child_of(course)[:2]:
        LessonProgress.objects.create(enrolment=enrolment, lesson=lesson)
    client.force_login(user)
    client.get(lesson_url(course, 2))  # warm the per-process caches
    with django_assert_max_num_queries(15):
        response = client.get(lesson_url(course, 2))
    assert response.status_code == 200


def test_draft_lessons_are_not_served_and_unknown_paths_404(signed_in, course, learner):
    Enrolment.objects.create(user=learner, course=course)
    LessonPage.objects.get(slug="bai-3").unpublish()
    assert signed_in.get(lesson_url(course, 3)).status_code == 404
    assert signed_in.get(course.url + "khong-co/").status_code == 404
    assert signed_in.get("/khoa-hoc/khong-co/bai-1/").status_code == 404


def test_my_learning_lists_progress_in_constant_queries(
    client, home_page, django_assert_max_num_queries
):
    user = UserFactory()
    client.force_login(user)
    url = reverse("courses:my_learning")
    counts = []
    for n in range(5):
        course = CourseFactory(parent=home_page, lessons=3, slug=f"khoa-{n}")
        enrolment = Enrolment.objects.create(user=user, course=course)
        first = LessonPage.objects.child_of(course).first()
        LessonProgress.objects.create(enrolment=enrolment, lesson=first)
        client.get(url)  # warm the per-process caches
        with django_assert_max_num_queries(15) as captured:
            response = client.get(url)
        counts.append(len(captured.captured_queries))
    assert len(set(counts)) == 1, counts  # one enrolment or five: same queries
    assert response.status_code == 200
    assert response.text.count('max="4" value="1"') == 5  # 1 of 3 lessons + quiz
    assert "Đã xong 1/4" in response.text


def test_my_learning_needs_sign_in(client):
    response = client.get(reverse("courses:my_learning"))
    assert response.status_code == 302


def test_catalogue_puts_the_learners_own_audience_first(client, home_page, audience):
    from courses.models import Audience

    school = OrganisationFactory(kind="school")
    audience.organisation_kind = "school"
    audience.save()
    other = Audience.objects.create(
        name="Cán bộ một cửa", slug="mot-cua", organisation_kind="one_stop_office"
    )
    mine = CourseFactory(parent=home_page, slug="cua-toi")
    theirs = CourseFactory(parent=home_page, slug="cua-ho")
    mine.audiences.add(audience)
    theirs.audiences.add(other)
    for page in (mine, theirs):
        page.title = f"Khóa {page.slug}"
        page.save_revision().publish()

    member = MembershipFactory(organisation=school).user
    client.force_login(member)
    response = client.get("/")
    for_you = response.context["for_you"]
    assert [c.slug for c in for_you] == ["cua-toi"]
    assert "Khóa học dành cho bạn" in response.text

    response = client.get("/?doi-tuong=mot-cua")
    assert [c.slug for c in response.context["courses"]] == ["cua-ho"]


def test_cached_routes_and_outlines_follow_publishing(signed_in, course, learner):
    Enrolment.objects.create(user=learner, course=course)
    url = lesson_url(course, 3)
    assert signed_in.get(url).status_code == 200  # now cached
    assert "Bài 3" in signed_in.get(lesson_url(course, 2)).text
    lesson = LessonPage.objects.get(slug="bai-3")
    lesson.unpublish()
    assert signed_in.get(url).status_code == 404
    assert f'href="{url}"' not in signed_in.get(lesson_url(course, 2)).text
    lesson.title = "Bài ba"
    lesson.save_revision().publish()
    assert "Bài ba" in signed_in.get(url).text
