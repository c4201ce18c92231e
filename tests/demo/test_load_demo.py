"""``manage.py load_demo``: what it creates, that it works on the site, and that a
second run changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Revision, Site

from courses.blocks import QuizQuestionsBlock
from courses.models import (
    Audience,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    Question,
    QuestionBank,
    QuizPage,
)
from home.models import HomePage, PortalSettings
from people.models import Membership, Organisation, SchoolClass, User
from reports.models import Population

PASSWORD = "demo-2026"
DEMO_USERNAMES = ["admin", "bientap", "duyet", "sogd", "giaovien", "hocsinh", "motcua"]
COURSES = {
    "Công dân số an toàn": "doan-vien",
    "Tình nguyện viên hỗ trợ người dân dùng dịch vụ công trực tuyến": "doan-vien",
    "Tiếp nhận và số hóa hồ sơ": "can-bo-mot-cua",
    "Hướng dẫn người dân nộp hồ sơ và thanh toán trực tuyến": "can-bo-mot-cua",
}


def run_load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def ensure_site_home():
    """The default site's home page, as migration home/0002 makes it.

    Recreated if an earlier transactional test flushed the database.
    """
    cache.clear()  # Wagtail caches the site root paths
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Trang chủ", slug="trang-chu")
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker):
    """Load the demo once for the whole module, inside a transaction rolled back at
    the end; each test still runs in its own savepoint (the ``db`` fixture), so what
    one test changes never leaks into the next. Publishing ~30 Wagtail pages takes
    seconds, too slow to repeat for every test.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        home = ensure_site_home()
        yield home, run_load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def site_home(first_run, db):
    return first_run[0]


@pytest.fixture
def demo(first_run, db):
    """The output of the first load_demo run."""
    return first_run[1]


def snapshot():
    return {
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "classes": SchoolClass.objects.count(),
        "memberships": Membership.objects.count(),
        "populations": sorted(
            Population.objects.values_list("pk", "headcount", "updated_at")
        ),
        "audiences": Audience.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "settings": PortalSettings.objects.count(),
        "questions": sorted(
            Question.objects.values_list("pk", "bank_id", "version", "updated_at")
        ),
        "banks": QuestionBank.objects.count(),
        "passwords": sorted(User.objects.values_list("password", flat=True)),
        "last_published": sorted(
            Page.objects.values_list("pk", "last_published_at", "latest_revision_id")
        ),
    }


def org(code):
    return Organisation.objects.get(code=code)


def membership(username, role=None):
    memberships = Membership.objects.select_related("organisation", "school_class")
    if role is not None:
        memberships = memberships.filter(role=role)
    return memberships.get(user__username=username)


@pytest.mark.django_db
def test_home_page_is_vietnamese_and_lists_the_courses(demo):
    response = Client().get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    for title in COURSES:
        assert title in html
    assert "Cổng tập huấn kỹ năng số tỉnh Thái Nguyên" in html  # portal settings
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert home.headline and home.intro
    assert home.headline in html


@pytest.mark.django_db
def test_organisation_tree_follows_the_csv(demo):
    assert Organisation.objects.count() == 12
    province = org("19")
    assert province.is_root()
    assert province.kind == Organisation.Kind.PROVINCE
    expected_parents = {
        "19-SGD": "19",
        "19-X01": "19",
        "19-X02": "19",
        "19-X03": "19",
        # upper-secondary under the province, the others under their commune
        "19-T01": "19",
        "19-T02": "19",
        "19-T03": "19",
        "19-T04": "19-X01",
        "19-T05": "19-X02",
        "19-MC01": "19-X01",
        "19-MC02": "19-X02",
    }
    for code, parent_code in expected_parents.items():
        assert org(code).get_parent().code == parent_code, code
    assert org("19-T01").name == "Trường THPT Bắc Kạn"
    assert org("19-T01").kind == Organisation.Kind.SCHOOL
    assert org("19-MC01").kind == Organisation.Kind.ONE_STOP_OFFICE
    assert org("19-SGD").kind == Organisation.Kind.DEPARTMENT
    assert (org("19").official_code, org("19-X01").official_code) == ("19", "01843")
    assert org("19-T01").school_level == Organisation.SchoolLevel.UPPER_SECONDARY
    assert {o.code for o in province.get_descendants()} == set(expected_parents)
    assert Organisation.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_classes_and_audiences(demo):
    classes = SchoolClass.objects.filter(organisation__code="19-T01")
    assert {(c.name, c.school_year, c.grade) for c in classes} == {
        ("10A1", "2026-2027", 10),
        ("10A2", "2026-2027", 10),
        ("11A1", "2026-2027", 11),
    }
    assert dict(Audience.objects.values_list("slug", "name")) == {
        "doan-vien": "Đoàn viên thanh niên trong trường học",
        "can-bo-mot-cua": "Cán bộ Bộ phận một cửa",
        "moi-nguoi": "Mọi người dân",
    }


@pytest.mark.django_db
def test_every_demo_account_signs_in_with_the_demo_password(demo):
    learners = Membership.objects.learners().filter(organisation__code="19-T01")
    usernames = {*DEMO_USERNAMES, *learners.values_list("user__username", flat=True)}
    assert len(usernames) >= 16

    for username in usernames:
        user = authenticate(username=username, password=PASSWORD)
        assert user is not None, username
        assert user.username == username
        assert not user.must_change_password
        assert user.full_name
        user.full_clean()  # username, 12-digit citizen ID, email: as the admin checks
        assert len(user.citizen_id) == 12
    citizen_ids = User.objects.exclude(citizen_id="").values_list("citizen_id")
    assert len(set(citizen_ids)) == len(citizen_ids)
    assert authenticate(username="admin", password="sai-mat-khau") is None

    for username in DEMO_USERNAMES:
        if username != "hocsinh":
            email = User.objects.get(username=username).email
            assert email == f"{username}@demo.example.vn"


@pytest.mark.django_db
def test_staff_accounts_and_wagtail_editors(demo):
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff

    editor = User.objects.get(username="bientap")
    editors = Group.objects.get(name="Editors")
    assert editor.is_staff and not editor.is_superuser
    assert editor.groups.filter(pk=editors.pk).exists()
    assert editors.permissions.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).exists()
    assert editor.has_perm("wagtailadmin.access_admin")

    client = Client()
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    lesson = LessonPage.objects.first()
    assert client.get(f"/admin/pages/{lesson.pk}/edit/").status_code == 200

    for username in ("sogd", "giaovien", "hocsinh", "motcua"):
        user = User.objects.get(username=username)
        assert not user.is_staff and not user.is_superuser


@pytest.mark.django_db
def test_editor_submits_and_the_moderator_publishes(demo):
    """bientap cannot publish; duyet (Moderators) approves, in Vietnamese."""
    lesson = LessonPage.objects.first()
    editor = User.objects.get(username="bientap")
    moderator = User.objects.get(username="duyet")
    assert moderator.is_staff and not moderator.is_superuser
    assert moderator.groups.filter(name="Moderators").exists()
    assert not lesson.permissions_for_user(editor).can_publish()
    assert lesson.permissions_for_user(moderator).can_publish()

    workflow = lesson.get_workflow()
    assert workflow.name == "Quy trình duyệt nội dung"
    assert [task.name for task in workflow.tasks] == ["Kiểm duyệt viên duyệt bài"]
    client = Client()
    client.force_login(editor)
    edit_page = client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    assert "Gửi duyệt theo Quy trình duyệt nội dung" in edit_page
    assert "Moderators approval" not in edit_page


@pytest.mark.django_db
def test_unicode_slugs_become_ascii_and_old_addresses_redirect(demo):
    """A page made while slugs could be Unicode keeps working under its old address."""
    course = CoursePage.objects.first()
    lesson = course.get_children().first()
    Page.objects.filter(pk=course.pk).update(slug="nhận-diện-lừa-đảo")
    course.refresh_from_db()
    course.set_url_path(course.get_parent())
    Page.objects.filter(pk=course.pk).update(url_path=course.url_path)
    for child in course.get_descendants():
        Page.objects.filter(pk=child.pk).update(
            url_path=course.url_path + child.slug + "/"
        )
    old_lesson_path = f"/{course.get_parent().slug}/nhận-diện-lừa-đảo/{lesson.slug}/"
    cache.clear()

    output = run_load_demo()

    course.refresh_from_db()
    assert course.slug == "nhan-dien-lua-dao"
    assert "1 đường dẫn trang đổi sang chữ không dấu" in output
    client = Client()
    # As browsers send it: percent-encoded.
    response = client.get(
        "/khoa-hoc/nh%E1%BA%ADn-di%E1%BB%87n-l%E1%BB%ABa-%C4%91%E1%BA%A3o/"
    )
    assert response.status_code == 301
    assert response["Location"].endswith("/khoa-hoc/nhan-dien-lua-dao/")
    response = client.get(old_lesson_path)
    assert response.status_code == 301
    assert response["Location"].endswith(f"/nhan-dien-lua-dao/{lesson.slug}/")
    assert client.get("/khoa-hoc/nhan-dien-lua-dao/").status_code == 200
    # A later publish of the saved draft does not bring the Unicode slug back.
    course.get_latest_revision().publish()
    assert CoursePage.objects.get(pk=course.pk).slug == "nhan-dien-lua-dao"


@pytest.mark.django_db
def test_new_pages_get_ascii_slugs_from_vietnamese_titles(demo):
    course = CoursePage.objects.first()
    lesson = course.add_child(
        instance=LessonPage(title="Nhận diện lừa đảo qua Đường dây nóng", intro="x")
    )
    assert lesson.slug == "nhan-dien-lua-dao-qua-duong-day-nong"


@pytest.mark.django_db
def test_memberships_and_roles(demo):
    viewer = membership("sogd", Membership.Role.VIEWER)
    assert viewer.organisation.code == "19"  # the whole province
    assert viewer.organisation.kind == Organisation.Kind.PROVINCE
    administrator = membership("sogd", Membership.Role.ADMINISTRATOR)
    assert administrator.organisation == viewer.organisation  # issue 13.5

    coordinator = membership("giaovien")
    assert coordinator.role == Membership.Role.COORDINATOR
    assert coordinator.organisation.code == "19-T01"

    student = membership("hocsinh")
    assert student.role == Membership.Role.LEARNER
    assert student.organisation.code == "19-T01"
    assert student.school_class.name == "10A1"
    assert student.school_class.school_year == "2026-2027"
    assert student.user.student_code
    assert student.user.date_of_birth is not None

    one_stop = membership("motcua")
    assert one_stop.role == Membership.Role.LEARNER
    assert one_stop.organisation.code == "19-MC01"

    for username in ("admin", "bientap"):
        assert not Membership.objects.filter(user__username=username).exists()

    for class_name in ("10A1", "10A2"):
        roster = Membership.objects.learners().filter(
            organisation__code="19-T01", school_class__name=class_name
        )
        assert roster.count() >= 5, class_name
        assert all(m.user.student_code for m in roster.select_related("user"))
    students = Membership.objects.learners().filter(organisation__code="19-T01")
    assert students.count() >= 11
    codes = list(students.values_list("user__student_code", flat=True))
    assert len(set(codes)) == len(codes)


@pytest.mark.django_db
def test_courses_have_lessons_then_a_valid_quiz(demo, site_home):
    index = CourseIndexPage.objects.get(slug="khoa-hoc")
    assert index.get_parent().pk == site_home.pk
    assert index.live

    for title, audience in COURSES.items():
        course = CoursePage.objects.child_of(index).get(title=title)
        assert course.live and not course.has_unpublished_changes
        assert course.latest_revision is not None
        assert course.summary
        assert course.self_enrol and course.pass_mark == 70
        assert audience in course.audiences.values_list("slug", flat=True)

        children = list(course.get_children().specific().order_by("path"))
        lessons, quiz = children[:-1], children[-1]
        assert 3 <= len(lessons) <= 5, title
        assert all(isinstance(page, LessonPage) for page in lessons), title
        assert isinstance(quiz, QuizPage), title
        for page in children:
            assert page.live and page.latest_revision is not None
        for lesson in lessons:
            kinds = {block.block_type for block in lesson.body}
            assert "text" in kinds
            assert kinds <= {"text", "callout", "steps"}

        # The questions live in the course's bank; the quiz fixes them in order.
        assert {b.block_type for b in quiz.questions} == {"bank_question"}, title
        questions = [block.value for block in quiz.questions]
        assert 5 <= len(questions) <= 8, title
        QuizQuestionsBlock().clean(quiz.questions)  # raises if a slot is invalid
        assert {q.bank.name for q in questions} == {f"{title} — {quiz.title}"}
        kinds = set()
        for question in questions:
            question.full_clean()  # raises if any question is invalid
            kinds.add(question.kind)
            assert question.text and question.explanation
        assert course.attempt_limit == 3, title
        assert kinds == {"single_choice", "multiple_choice", "true_false"}, title


@pytest.mark.django_db
def test_lesson_and_course_pages_render(demo):
    lesson = LessonPage.objects.get(slug="mat-khau-manh-va-xac-thuc-hai-buoc")
    course = lesson.get_parent().specific
    client = Client()
    assert client.get(lesson.url).status_code == 302  # lessons need sign-in
    assert client.login(username="hocsinh", password="demo-2026")
    client.post(course.url + "ghi-danh/")
    response = client.get(lesson.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Mật khẩu mạnh và xác thực hai bước" in html
    assert "Thế nào là mật khẩu mạnh?" in html  # rich text
    assert "Bật xác thực hai bước cho email và mạng xã hội" in html  # steps block
    assert "Mã xác thực (OTP) chỉ dành cho bạn" in html  # callout block

    response = Client().get(course.url)
    assert response.status_code == 200
    assert lesson.title in response.content.decode()

    quiz = QuizPage.objects.child_of(course).get()
    assert client.get(quiz.url).status_code == 200


@pytest.mark.django_db
def test_portal_settings(demo, site_home):
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    assert portal.portal_name == "Cổng tập huấn kỹ năng số tỉnh Thái Nguyên"
    for pillar in ("chính quyền số", "kinh tế số", "xã hội số"):
        assert pillar in portal.tagline
    assert portal.issuing_body == "Sở Giáo dục và Đào tạo tỉnh Thái Nguyên"
    assert portal.issuing_place == "Thái Nguyên"
    assert portal.contact_email.endswith(".example.vn")
    assert portal.contact_phone


@pytest.mark.django_db
def test_command_prints_the_accounts_table(demo):
    assert "Đã nạp dữ liệu mẫu" in demo
    lines = demo.splitlines()
    for username in DEMO_USERNAMES:
        row = next(line for line in lines if line.split()[:1] == [username])
        assert PASSWORD in row
    assert "Điều phối viên" in demo


@pytest.mark.django_db
def test_every_demo_unit_has_a_population(demo):
    from reports.filters import ReportFilters
    from reports.populations.headcounts import for_view
    from reports.tree import UnitTree

    sogd = User.objects.get(username="sogd")
    filters = ReportFilters.for_user(sogd, {"nam-hoc": "2026-2027"})
    populations = for_view(filters, UnitTree())
    figures = {
        unit.code: populations.of(unit.path) for unit in Organisation.objects.all()
    }
    assert None not in figures.values(), figures
    # The demo school counts its class lists: 11 students in 10A1, 10A2.
    assert figures["19-T01"] == 11
    # a commune: its lower-secondary school and its one-stop centre
    assert figures["19-X01"] == 42 + 14
    # the province: the department, the communes and the upper-secondary schools
    # it manages directly
    assert figures["19"] == sum(
        figures[code]
        for code in (
            "19-SGD",
            "19-X01",
            "19-X02",
            "19-X03",
            "19-T01",
            "19-T02",
            "19-T03",
        )
    )


@pytest.mark.django_db
def test_second_run_changes_nothing(demo):
    before = snapshot()

    output = run_load_demo()

    assert snapshot() == before
    assert "không thay đổi" in output


@pytest.mark.django_db
def test_second_run_keeps_edits_and_changed_passwords(demo):
    student = User.objects.get(username="hocsinh")
    student.set_password("mat-khau-rieng-2026")
    student.save()
    home = Site.objects.get(is_default_site=True).root_page.specific
    home.intro = "Lời giới thiệu do biên tập viên viết."
    home.save_revision().publish()
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal.portal_name = "Tên cổng đã sửa"
    portal.save()

    output = run_load_demo()

    assert authenticate(username="hocsinh", password="mat-khau-rieng-2026")
    assert authenticate(username="hocsinh", password=PASSWORD) is None
    hocsinh_row = next(line for line in output.splitlines() if "hocsinh" in line)
    assert PASSWORD not in hocsinh_row
    home.refresh_from_db()
    assert home.intro == "Lời giới thiệu do biên tập viên viết."
    portal.refresh_from_db()
    assert portal.portal_name == "Tên cổng đã sửa"


@pytest.mark.django_db
def test_a_deleted_lesson_comes_back_in_its_place(demo):
    course = CoursePage.objects.get(title="Tiếp nhận và số hóa hồ sơ")
    slugs = list(course.get_children().order_by("path").values_list("slug", flat=True))
    course.get_children().get(slug=slugs[1]).delete()
    pages = Page.objects.count()

    output = run_load_demo()

    assert "1 trang" in output
    assert Page.objects.count() == pages + 1
    assert (
        list(course.get_children().order_by("path").values_list("slug", flat=True))
        == slugs
    )
    assert Page.find_problems() == ([], [], [], [], [])


def test_demo_has_learning_for_the_statistics(demo, client):
    """Class 10A2 took the volunteers' course: 3 finished, 1 half-way, 1 not yet;
    the demo student's class 10A1 is untouched."""
    from courses.models import Enrolment

    enrolments = Enrolment.objects.filter(school_class__name="10A2")
    assert enrolments.count() == 5
    assert enrolments.filter(completed_at__isnull=False).count() == 3
    assert enrolments.filter(started_at__isnull=False).count() == 4
    assert not Enrolment.objects.filter(user__username="hocsinh").exists()

    client.force_login(User.objects.get(username="sogd"))
    summary = client.get(reverse("reports:dashboard")).context["summary"]
    # ...and the one-stop colleague who took the programme's four courses
    assert (summary["enrolled"], summary["completed"]) == (5 + 4, 3 + 4)


def test_demo_programme_and_its_certificate(demo, django_capture_on_commit_callbacks):
    """One-stop staff's programme of four courses, completed by a colleague of
    "motcua" with the programme's certificate issued."""
    from certificates.models import Certificate
    from courses.models import Programme, ProgrammeCompletion
    from demo import programmes

    programme = Programme.objects.get(title=programmes.TITLE)
    assert programme.audience.slug == "can-bo-mot-cua"
    ordered = programme.programme_courses.order_by("sort_order")
    assert [row.course.slug for row in ordered] == programmes.COURSE_SLUGS
    # The module's load ran in a transaction that never commits, so what its
    # commit callbacks do (record, certify) is run here, as a real load does.
    ProgrammeCompletion.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert programmes.load_programme_activity() == 1
    completion = ProgrammeCompletion.objects.get()
    assert completion.user.username == "motcua.02"
    certificate = Certificate.objects.get(programme_completion=completion)
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.course_title == programmes.TITLE
