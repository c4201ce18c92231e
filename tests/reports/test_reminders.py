"""Sending reminders: one or many, notices on My learning, Vietnamese e-mails only
where there is an address, once a week at most, job progress, the digest and the
14-day effect (tests/reports/stragglers_data.py)."""

from datetime import timedelta
from email.header import decode_header, make_header

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment, Notice
from reports.models import DigestPreference, Reminder, ReminderJob
from reports.stragglers import digest, sending
from reports.stragglers.effect import reminder_effect
from reports.stragglers.filters import StragglerFilters

REMIND = reverse("stragglers:remind")


def post_one(client, enrolment, reason="not_started"):
    return client.post(REMIND, {"ly-do": reason, "mot": enrolment.pk})


def test_one_reminder_is_a_notice_a_record_and_a_vietnamese_email(stragglers, client):
    s = stragglers
    client.force_login(s.coord_a)
    post_one(client, s.N1)
    reminder = Reminder.objects.get()
    assert (reminder.learner, reminder.enrolment, reminder.reason) == (
        s.N1.user,
        s.N1,
        "not_started",
    )
    assert reminder.sent_by == s.coord_a and reminder.emailed is True
    notice = Notice.objects.get()
    assert (notice.user, notice.course_id, notice.kind) == (
        s.N1.user,
        s.course.pk,
        "not_started",
    )
    (message,) = mail.outbox
    assert message.to == ["n1@example.vn"]
    subject = str(make_header(decode_header(message.subject)))
    assert subject == f"Nhắc học: {s.course.title}"
    assert "Chào Học viên N1," in message.body
    assert "chưa bắt đầu" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "chưa bắt đầu" in html


def test_no_email_without_an_address(stragglers, client):
    s = stragglers
    client.force_login(s.coord_a)
    post_one(client, s.S1, "stalled")
    assert Notice.objects.filter(user=s.S1.user).count() == 1
    assert Reminder.objects.get().emailed is False
    assert mail.outbox == []


def test_once_a_week_at_most(stragglers, client):
    s = stragglers
    client.force_login(s.coord_a)
    post_one(client, s.N1)
    response = post_one(client, s.N1)
    assert Reminder.objects.count() == 1 and len(mail.outbox) == 1
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages[-1] == "Học viên này đã được nhắc trong 7 ngày qua."
    # six days and 23 hours later: still refused; seven days later: sent again
    filters = StragglerFilters.for_user(s.coord_a, "not_started", {})
    rows = [(s.N1.pk, s.N1.user_id, "", "Học viên N1", s.course.pk, "X")]
    first = Reminder.objects.get().sent_at
    later = first + timedelta(days=7) - timedelta(hours=1)
    assert sending.send_batch(rows, "not_started", s.coord_a, now=later) == (0, 1, 0)
    week = first + timedelta(days=7)
    assert sending.send_batch(rows, "not_started", s.coord_a, now=week) == (1, 0, 0)
    assert filters.days == 7


def test_a_learner_of_another_school_is_not_reminded(stragglers, client):
    s = stragglers
    client.force_login(s.coord_a)
    response = post_one(client, s.B1)
    assert Reminder.objects.count() == 0 and Notice.objects.count() == 0
    assert [str(m) for m in response.wsgi_request._messages] == [
        "Học viên đó không có trong danh sách này."
    ]


def test_forged_ids_in_a_bulk_post_change_nothing(
    stragglers, client, django_capture_on_commit_callbacks
):
    s = stragglers
    client.force_login(s.coord_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            REMIND,
            {
                "ly-do": "not_started",
                "hoc-vien": [s.B1.pk, s.N2.pk, s.W1.pk, "x", "-1"],
            },
        )
    job = ReminderJob.objects.get()
    assert response["Location"] == reverse("stragglers:job", args=[job.pk])
    assert (job.status, job.total, job.sent, job.skipped) == ("done", 3, 0, 3)
    assert Reminder.objects.count() == 0 and Notice.objects.count() == 0


def test_bulk_job_reminds_the_whole_list_with_progress(
    stragglers, client, django_capture_on_commit_callbacks
):
    s = stragglers
    client.force_login(s.admin_p)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REMIND, {"ly-do": "not_started", "tat-ca": "1"})
    job = ReminderJob.objects.get()
    assert (job.status, job.total, job.processed, job.percent) == ("done", 2, 2, 100)
    assert (job.sent, job.emailed, job.skipped) == (2, 1, 0)
    assert set(Reminder.objects.values_list("learner_id", flat=True)) == {
        s.N1.user_id,
        s.B1.user_id,
    }
    page = client.get(response["Location"])
    assert "Đã nhắc: 2 (kèm e-mail: 1)" in page.content.decode()
    # someone else's job is a 404
    client.force_login(s.coord_a)
    assert client.get(response["Location"]).status_code == 404


def test_notice_on_my_learning_is_dismissable(stragglers, client):
    s = stragglers
    client.force_login(s.coord_a)
    post_one(client, s.N1)
    notice = Notice.objects.get()
    client.force_login(s.N1.user)
    page = client.get(reverse("courses:my_learning")).content.decode()
    assert "chưa bắt đầu" in page and s.course.title in page
    notice.refresh_from_db()
    assert notice.read_at is not None
    # another learner cannot dismiss it
    client.force_login(s.N2.user)
    client.post(reverse("courses:dismiss_notice", args=[notice.pk]))
    notice.refresh_from_db()
    assert notice.dismissed_at is None
    client.force_login(s.N1.user)
    client.post(reverse("courses:dismiss_notice", args=[notice.pk]))
    notice.refresh_from_db()
    assert notice.dismissed_at is not None
    page = client.get(reverse("courses:my_learning")).content.decode()
    assert "chưa bắt đầu" not in page


def test_weekly_digest_on_and_off(stragglers, client):
    s = stragglers
    s.coord_a.email = "coord@example.vn"
    s.coord_a.save()
    client.force_login(s.coord_a)
    assert digest.send_weekly_digests() == 0  # off by default
    client.post(reverse("stragglers:digest"), {"bat": "1"})
    assert digest.send_weekly_digests() == 1
    (message,) = mail.outbox
    assert message.to == ["coord@example.vn"]
    assert message.subject == "Bản tin tuần: học viên chậm tiến độ"
    body = message.body
    assert "Chưa bắt đầu (7 ngày): 1" in body
    assert "Tạm dừng (14 ngày): 2" in body
    assert reverse("stragglers:list") in body
    assert digest.send_weekly_digests() == 0  # not twice in a week
    client.post(reverse("stragglers:digest"), {"bat": "0"})
    DigestPreference.objects.update(last_sent_at=None)
    assert digest.send_weekly_digests() == 0
    assert len(mail.outbox) == 1


def test_effect_counts_completions_within_14_days(stragglers):
    s = stragglers
    now = timezone.now()
    sent = now - timedelta(days=20)
    for enrolment, completed in (
        (s.N1, sent + timedelta(days=14)),  # on the last day: counts
        (s.S1, sent + timedelta(days=15)),  # a day late
        (s.S3, None),
        (s.F1, sent - timedelta(days=1)),  # before the reminder
    ):
        Reminder.objects.create(
            learner=enrolment.user,
            enrolment=enrolment,
            reason="stalled",
            sent_at=sent,
        )
        Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=completed)
    # certificate reminders are about finished courses: not counted
    Reminder.objects.create(
        learner=s.C1.user, enrolment=s.C1, reason="certificate_ready", sent_at=sent
    )
    effect = reminder_effect([s.province.path])
    assert effect == {"reminded": 4, "completed": 1, "rate": 25.0, "days": 14}
    assert reminder_effect([s.school_b.path])["reminded"] == 0
    assert reminder_effect([s.school_b.path])["rate"] is None


@pytest.mark.parametrize("url_name", ["reports:dashboard", "stragglers:list"])
def test_effect_figure_is_shown(stragglers, client, url_name):
    s = stragglers
    Reminder.objects.create(learner=s.N1.user, enrolment=s.N1, reason="not_started")
    client.force_login(s.admin_p if url_name == "stragglers:list" else s.viewer_p)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    effect = response.context["effect"] if "effect" in response.context else None
    effect = effect or response.context["reminder_effect"]
    assert (effect["reminded"], effect["completed"]) == (1, 0)
    assert "Hiệu quả của lời nhắc" in response.content.decode()


def test_a_job_email_is_a_whole_message_for_its_learner(settings):
    """The bytes a job's e-mail is made of (reports/stragglers/mails.py) read back
    as the message Django would have built: the learner's name, address, subject."""
    from email import message_from_bytes, policy

    from reports.stragglers.mails import Mailer

    mailer = Mailer()
    first = mailer.build("stalled", "an@example.vn", "Lê Thị <An>", "Kỹ năng số")
    second = mailer.build("stalled", "binh@example.vn", "Trần Bình", "Kỹ năng số")
    parsed = message_from_bytes(first.message().as_bytes(), policy=policy.default)
    assert parsed["To"] == "an@example.vn"
    assert parsed["Subject"] == "Nhắc học: Kỹ năng số"
    assert parsed["From"] == settings.DEFAULT_FROM_EMAIL
    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert "Chào Lê Thị <An>," in text and "Lê Thị &lt;An&gt;" in html
    assert "Kỹ năng số" in text and "@@" not in text + html
    other = message_from_bytes(second.message().as_bytes(), policy=policy.default)
    assert (
        other["To"] == "binh@example.vn" and other["Message-ID"] != parsed["Message-ID"]
    )
    # an address that is not ASCII is built by Django as usual
    assert mailer.build("stalled", "ân@example.vn", "Ân", "Kỹ năng số").finished is None


def test_a_double_click_finds_the_job_under_way(stragglers):
    from reports.stragglers.jobs import create_job

    filters = StragglerFilters.for_user(stragglers.admin_p, "not_started", {})
    first = create_job(filters)  # not run: no commit in this test
    assert create_job(filters) == first
    assert create_job(filters, [stragglers.N1.pk]) != first
    assert ReminderJob.objects.count() == 2
