"""The class account services without a request: adding a student and new
passwords, each all or nothing with its login slip (people/students.py)."""

import pytest

from people import password_resets, students
from people.models import AuditEntry, Membership, User
from tests.factories import SchoolClassFactory

pytestmark = pytest.mark.django_db


def learner(school_class, coordinator, name="Nguyễn Văn An", **fields):
    """A student added through the service itself."""
    user = User(full_name=name)
    students.add_student(school_class, user, actor=coordinator)
    User.objects.filter(pk=user.pk).update(**fields)
    return User.objects.get(pk=user.pk)


def broken(*args, **kwargs):
    raise OSError("no space left")


def test_add_student_creates_the_account_its_membership_and_its_slip(
    coordinator_a, class_a
):
    new = User(full_name="Trần Thị Thu Ánh")
    pdf = students.add_student(class_a, new, actor=coordinator_a)
    assert pdf.startswith(b"%PDF")
    saved = User.objects.get(pk=new.pk)
    assert saved.username == "anhttt"
    assert saved.must_change_password
    assert list(students.class_members(class_a)) == [saved]


def test_add_student_writes_nothing_when_the_slip_cannot_be_printed(
    coordinator_a, class_a, monkeypatch
):
    monkeypatch.setattr(password_resets, "render_slips", broken)
    with pytest.raises(password_resets.SlipFailed):
        students.add_student(
            class_a, User(full_name="Lê Văn Bình"), actor=coordinator_a
        )
    assert not User.objects.filter(full_name="Lê Văn Bình").exists()
    assert not Membership.objects.filter(school_class=class_a).exists()


def test_reset_gives_new_passwords_to_those_who_never_signed_in(coordinator_a, class_a):
    waiting = learner(class_a, coordinator_a)
    learner(class_a, coordinator_a, last_login="2026-09-01T08:00:00Z")
    before = waiting.password
    reset = students.reset_passwords(class_a, actor=coordinator_a)
    assert [s.pk for s in reset.students] == [waiting.pk]
    assert reset.pdf.startswith(b"%PDF") and not reset.refused
    assert User.objects.get(pk=waiting.pk).password != before


def test_reset_of_one_student_outside_the_class_is_refused_as_missing(
    coordinator_a, class_a, school_a
):
    other_class = SchoolClassFactory(organisation=school_a, name="10A2")
    other = learner(other_class, coordinator_a)
    with pytest.raises(User.DoesNotExist):
        students.reset_passwords(class_a, actor=coordinator_a, user_id=other.pk)


def test_reset_refuses_accounts_beyond_the_coordinator_and_keeps_them(
    coordinator_a, class_a
):
    staff = learner(class_a, coordinator_a, is_staff=True)
    before = staff.password
    reset = students.reset_passwords(class_a, actor=coordinator_a, user_id=staff.pk)
    assert [s.pk for s, _reason in reset.refused] == [staff.pk]
    assert reset.pdf is None and not reset.students
    assert User.objects.get(pk=staff.pk).password == before


def test_reset_changes_no_password_when_the_slips_cannot_be_printed(
    coordinator_a, class_a, monkeypatch
):
    pupils = [learner(class_a, coordinator_a, name) for name in ("An", "Bình")]
    before = {u.pk: u.password for u in pupils}
    entries = AuditEntry.objects.count()  # the slips of their creation
    monkeypatch.setattr(password_resets, "render_slips", broken)
    reset = students.reset_passwords(class_a, actor=coordinator_a)
    assert reset.slips_failed and reset.pdf is None
    after = dict(User.objects.filter(pk__in=before).values_list("pk", "password"))
    assert after == before
    assert AuditEntry.objects.count() == entries
