"""The legal basis of a roster import, recorded with its accounts or not at all, and
the processing notice read once at the first sign-in (people/consent.py,
people/privacy_notice.py)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from people.models import (
    AuditEntry,
    ConsentRecord,
    NoticeAcknowledgement,
    ProcessingBasis,
    RosterImport,
    SchoolClass,
    User,
)
from people.privacy_notice import NOTICE_VERSION
from people.signals import user_erased
from tests.factories import learner_in
from tests.factories.people import DEFAULT_PASSWORD
from tests.people.conftest import BASIS

pytestmark = pytest.mark.django_db

# A pupil born in 2010 (a minor) and an adult trainee of the same class.
ROSTER = (
    "STT,Họ và tên,Ngày sinh,Giới tính,Mã học sinh,Số định danh cá nhân,Lớp\n"
    "1,Trần Thị Thu Ánh,16/06/2010,Nữ,7985723412,006310670438,10A1\n"
    "2,Lê Văn Bình,02/03/1990,Nam,7985723413,,10A1\n"
)
CONSENT_WITHOUT_GUARDIAN = {
    key: value for key, value in BASIS.items() if key != "basis-guardian_consent"
} | {"basis-kind": "consent"}


def upload(client, school, capture):
    with capture(execute=True):
        response = client.post(
            reverse("coordinator:upload"),
            {
                "organisation": school.pk,
                "school_year": "2026-2027",
                "default_class_name": "",
                "file": SimpleUploadedFile("lop-10a1.csv", ROSTER.encode()),
            },
        )
    assert response.status_code == 302, response.content
    job = RosterImport.objects.latest("pk")
    assert job.status == RosterImport.Status.PREVIEW, job.preview
    return job


def test_a_roster_import_records_its_basis_and_guardian_consent_with_the_accounts(
    client, school_a, coordinator_a, django_capture_on_commit_callbacks, monkeypatch
):
    capture = django_capture_on_commit_callbacks
    client.force_login(coordinator_a)
    job = upload(client, school_a, capture)
    assert job.preview["possible_minors"] == 1
    page = client.get(reverse("coordinator:import", args=[job.pk])).content.decode()
    assert 'name="basis-kind"' in page and 'name="basis-guardian_consent"' in page
    confirm_url = reverse("coordinator:import_confirm", args=[job.pk])

    # Consent as the basis for a minor must be the guardian's: refused, no change.
    response = client.post(confirm_url, CONSENT_WITHOUT_GUARDIAN)
    assert response.status_code == 400
    assert "cha mẹ hoặc người giám hộ" in response.content.decode()
    job.refresh_from_db()
    assert (job.status, job.basis) == (RosterImport.Status.PREVIEW, {})

    # The slips cannot be printed: no account, and no basis either.
    def broken_slips(*args, **kwargs):
        raise OSError("printer on fire")

    monkeypatch.setattr("people.rosters.jobs.render_slips", broken_slips)
    with capture(execute=True):
        client.post(confirm_url, BASIS | {"basis-kind": "consent"})
    job.refresh_from_db()
    assert job.status == RosterImport.Status.FAILED
    assert not User.objects.filter(student_code="7985723412").exists()
    assert not ProcessingBasis.objects.exists()
    assert not ConsentRecord.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.CONSENT).exists()

    monkeypatch.undo()
    job = upload(client, school_a, capture)
    with capture(execute=True):
        client.post(
            reverse("coordinator:import_confirm", args=[job.pk]),
            BASIS | {"basis-kind": "consent"},
        )
    job.refresh_from_db()
    assert job.status == RosterImport.Status.DONE, job.message
    basis = ProcessingBasis.objects.get()
    assert (
        basis.organisation,
        basis.roster_import,
        basis.kind,
        basis.text,
        basis.basis_date,
        basis.guardian_consent,
        basis.recorded_by,
    ) == (
        school_a,
        job,
        "consent",
        BASIS["basis-text"],
        date(2026, 9, 1),
        True,
        coordinator_a,
    )
    learners = User.objects.filter(memberships__school_class__name="10A1")
    assert set(ConsentRecord.objects.values_list("user_id", flat=True)) == set(
        learners.values_list("pk", flat=True)
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CONSENT)
    assert (entry.actor, entry.organisation) == (coordinator_a, school_a)
    assert entry.after["learners"] == 2 and entry.after["guardian_consent"] is True

    # The coordinator's page of the minor shows the basis and the guardian's consent.
    minor = learners.get(student_code="7985723412")
    school_class = SchoolClass.objects.get(name="10A1", organisation=school_a)
    page = client.get(reverse("coordinator:student", args=[school_class.pk, minor.pk]))
    text = page.content.decode()
    assert BASIS["basis-text"] in text and "Đã có" in text
    seen = AuditEntry.objects.get(action=AuditEntry.Action.PERSONAL_VIEW)
    assert (seen.actor, seen.target_user, seen.organisation) == (
        coordinator_a,
        minor,
        school_a,
    )

    # Erasure (people.erasure sends the signal): the person's link goes, the
    # unit's basis stays.
    user_erased.send(sender=User, user=minor)
    assert not ConsentRecord.objects.filter(user=minor).exists()
    assert ConsentRecord.objects.count() == 1 and ProcessingBasis.objects.exists()


def sign_in(client, user):
    response = client.post(
        reverse("people:login"),
        {"username": user.username, "password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 302


def test_the_processing_notice_is_shown_at_first_sign_in_until_it_is_read(
    client, class_a
):
    learner = learner_in(class_a, date_of_birth=date(2011, 1, 5))
    my_learning = reverse("courses:my_learning")
    privacy = reverse("people:privacy")
    sign_in(client, learner)
    assert 'id="privacy-notice-heading"' in client.get(my_learning).content.decode()
    assert 'id="privacy-notice-heading"' in client.get("/").content.decode()

    response = client.post(privacy, {"next": my_learning})
    assert response["Location"] == my_learning
    read = NoticeAcknowledgement.objects.get(user=learner)
    assert read.version == NOTICE_VERSION
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CONSENT)
    assert (entry.actor, entry.target_user) == (learner, learner)
    assert "privacy-notice-heading" not in client.get(my_learning).content.decode()
    # The learner's own page: when it was read; a minor with no guardian's consent.
    page = client.get(privacy).content.decode()
    assert "Bạn đã đọc thông báo này" in page and "Chưa có" in page

    # A second tab's click keeps the first time; an address elsewhere is refused.
    response = client.post(privacy, {"next": "https://example.com/"})
    assert response["Location"] == privacy
    assert NoticeAcknowledgement.objects.get(user=learner).acknowledged_at == (
        read.acknowledged_at
    )
    client.post(reverse("people:logout"))
    sign_in(client, learner)
    assert "privacy-notice-heading" not in client.get(my_learning).content.decode()
