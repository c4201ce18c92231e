"""A coordinator's password resets and new students (issue 14, findings 1 and 2).

Only plain learners wholly inside the coordinator's scope may be reset; the owner
is told; a password changes only together with the slip that carries it; names
the slips cannot print are refused before any account exists.
"""

import logging

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import translation

from people import audit, password_resets
from people.models import AuditEntry, Membership, User
from tests.certificates.pdf_tools import raw_pdf_text
from tests.factories import (
    LearnerMembershipFactory,
    MembershipFactory,
    SchoolClassFactory,
    learner_in,
    member_of,
)

pytestmark = pytest.mark.django_db


def reset(client, school_class, user=None, follow=False):
    data = {"user": user.pk} if user else {}
    url = reverse("coordinator:reset_passwords", args=[school_class.pk])
    return client.post(url, data, follow=follow)


def make_viewer(user, unit):
    MembershipFactory(user=user, organisation=unit, role=Membership.Role.VIEWER)


def make_editor(user, unit):
    group = Group.objects.create(name="Biên tập")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)


def make_staff(user, unit):
    User.objects.filter(pk=user.pk).update(is_staff=True)


def make_superuser(user, unit):
    User.objects.filter(pk=user.pk).update(is_superuser=True)


def make_coordinator_elsewhere(user, unit):
    MembershipFactory(
        user=user, organisation=unit.get_root(), role=Membership.Role.COORDINATOR
    )


def make_learner_outside(user, unit):
    other = SchoolClassFactory(
        organisation=unit.get_root().get_children().last(), name="12C9"
    )
    LearnerMembershipFactory(user=user, school_class=other)


# Pages answer in Vietnamese (the default language): the reasons as shown.
PRIVILEGES = [
    (make_viewer, "điều phối viên hoặc người xem thống kê"),
    (make_editor, "biên tập viên nội dung"),
    (make_staff, "vào trang quản trị"),
    (make_superuser, "tài khoản quản trị"),
    (make_coordinator_elsewhere, "điều phối viên hoặc người xem thống kê"),
    (make_learner_outside, "ngoài phạm vi của bạn"),
]


@pytest.mark.parametrize(("grant", "reason"), PRIVILEGES)
def test_a_coordinator_cannot_reset_an_account_with_more_than_a_learner_place(
    client, coordinator_a, class_a, school_a, school_b, grant, reason
):
    # The province's viewer also has a learner place in a class of school A.
    victim = learner_in(class_a, username="xem_thong_ke")
    grant(victim, school_a)
    old_hash = User.objects.get(pk=victim.pk).password
    client.force_login(coordinator_a)

    response = reset(client, class_a, victim, follow=True)
    assert response["Content-Type"].startswith("text/html")
    assert reason in response.text and "xem_thong_ke" in response.text
    victim.refresh_from_db()
    assert victim.password == old_hash
    assert not victim.must_change_password and victim.reset_notice_at is None
    page = client.get(reverse("coordinator:class", args=[class_a.pk]))
    assert "Chỉ quản trị viên mới được đặt lại mật khẩu này" in page.text


def test_resetting_everyone_skips_and_lists_the_privileged(
    client, coordinator_a, class_a, school_a
):
    viewer = learner_in(class_a, username="xem_thong_ke")
    make_viewer(viewer, school_a.get_root())
    student = learner_in(class_a, username="hocsinh_a")
    old_viewer, old_student = viewer.password, student.password
    client.force_login(coordinator_a)

    response = reset(client, class_a)
    assert response["Content-Type"] == "application/pdf"
    text = raw_pdf_text(response.content)
    assert "hocsinh_a" in text and "xem_thong_ke" not in text
    viewer.refresh_from_db()
    student.refresh_from_db()
    assert viewer.password == old_viewer
    assert student.password != old_student and student.must_change_password
    page = client.get(reverse("coordinator:class", args=[class_a.pk]))
    assert "Chưa đặt lại mật khẩu của" in page.text and "xem_thong_ke" in page.text


def test_the_owner_is_told_by_email_and_once_at_the_next_sign_in(
    client,
    coordinator_a,
    class_a,
    django_capture_on_commit_callbacks,
    caplog,
    monkeypatch,
):
    monkeypatch.setattr(password_resets, "temporary_password", lambda: "tamthoi234")
    coordinator_a.full_name = "Cô Lan"
    coordinator_a.save()
    student = learner_in(class_a, username="hocsinh_a", email="hs.a@example.vn")
    client.force_login(coordinator_a)
    with translation.override("en"), caplog.at_level(logging.INFO, "people"):
        with django_capture_on_commit_callbacks(execute=True):
            response = reset(client, class_a, student)
    assert response["Content-Type"] == "application/pdf"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hs.a@example.vn"]
    assert "Cô Lan" in message.body and "hocsinh_a" in message.body
    assert "đặt lại" in message.body  # Vietnamese, whatever the request's language
    entry = AuditEntry.objects.get(action=AuditEntry.Action.RESET_PASSWORD)
    assert (entry.actor, entry.target_user) == (coordinator_a, student)
    assert entry.organisation == class_a.organisation
    assert entry in entries_visible_to_an_administrator_of(class_a.organisation)

    client.logout()
    assert "tamthoi234" in raw_pdf_text(response.content)
    page = client.post(
        reverse("people:login"),
        {"username": "hocsinh_a", "password": "tamthoi234"},
        follow=True,
    )
    assert "Mật khẩu của bạn đã được Cô Lan đặt lại lúc" in page.text
    again = client.get(page.request["PATH_INFO"])
    assert "đặt lại lúc" not in again.text  # shown once
    student.refresh_from_db()
    assert student.reset_notice_at is None


def entries_visible_to_an_administrator_of(unit):
    administrator = member_of(unit, Membership.Role.ADMINISTRATOR)
    return list(audit.entries_for(administrator))


def test_resetting_everyone_writes_one_audit_entry_per_account(
    client, coordinator_a, class_a
):
    students = [learner_in(class_a) for _ in range(3)]
    client.force_login(coordinator_a)
    reset(client, class_a)
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.RESET_PASSWORD)
    assert {e.target_user_id for e in entries} == {s.pk for s in students}
    assert {e.actor_id for e in entries} == {coordinator_a.pk}


def test_no_password_changes_when_the_slips_cannot_be_printed(
    client, coordinator_a, class_a, monkeypatch
):
    students = [learner_in(class_a) for _ in range(3)]
    before = {u.pk: u.password for u in students}

    def broken(*args, **kwargs):
        raise OSError("no space left")

    monkeypatch.setattr(password_resets, "render_slips", broken)
    client.force_login(coordinator_a)
    for response in (reset(client, class_a, students[0]), reset(client, class_a)):
        assert response.status_code == 302
    after = dict(User.objects.filter(pk__in=before).values_list("pk", "password"))
    assert after == before
    assert not AuditEntry.objects.exists()
    page = client.get(reverse("coordinator:class", args=[class_a.pk]))
    assert "chưa có mật khẩu nào bị thay đổi" in page.text


def test_names_stored_before_the_rule_still_get_their_slips(
    client, coordinator_a, class_a
):
    # Saved before people/names.py existed (no validation on save).
    odd = learner_in(class_a, username="tranminh", full_name="Trần 王 Minh\u202e")
    plain = learner_in(class_a, username="hocsinh_b")
    client.force_login(coordinator_a)
    response = reset(client, class_a)
    assert response["Content-Type"] == "application/pdf"
    text = raw_pdf_text(response.content)
    assert "tranminh" in text and "hocsinh_b" in text
    assert "Trần ? Minh" in text
    for user in (odd, plain):
        user.refresh_from_db()
        assert user.must_change_password


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Trần 王 Minh", "“王”"),
        ("Lê Văn 😀", "“😀”"),
        ("Nguyễn\u202eVăn An", "U+202E"),
        ("Nguyễn\u200bVăn An", "U+200B"),
    ],
)
def test_add_student_refuses_a_name_the_slip_cannot_print(
    client, coordinator_a, class_a, name, shown
):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("coordinator:add_student", args=[class_a.pk]),
        {"full_name": name, "date_of_birth": "05/03/2010"},
    )
    assert response.status_code == 400
    assert shown in response.text and "chữ cái Latinh" in response.text
    assert User.objects.count() == 1  # the coordinator only


def test_add_student_creates_nothing_when_the_slip_cannot_be_printed(
    client, coordinator_a, class_a, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("no space left")

    monkeypatch.setattr(password_resets, "render_slips", broken)
    client.force_login(coordinator_a)
    response = client.post(
        reverse("coordinator:add_student", args=[class_a.pk]),
        {"full_name": "Hoàng Minh Đức", "date_of_birth": "05/03/2010"},
        follow=True,
    )
    assert "tài khoản chưa được tạo" in response.text
    assert not User.objects.filter(full_name="Hoàng Minh Đức").exists()
    assert not Membership.objects.filter(school_class=class_a).exists()


def test_resetting_a_whole_class_takes_a_fixed_number_of_queries(
    client, coordinator_a, class_a, django_assert_max_num_queries
):
    for n in range(12):
        learner_in(class_a, username=f"hs{n:02d}", email=f"hs{n:02d}@example.vn")
    client.force_login(coordinator_a)
    with django_assert_max_num_queries(16):
        response = reset(client, class_a)
    assert response["Content-Type"] == "application/pdf"
    assert User.objects.filter(must_change_password=True).count() == 12
    with django_assert_max_num_queries(16):
        page = client.get(reverse("coordinator:class", args=[class_a.pk]))
    assert page.status_code == 200
