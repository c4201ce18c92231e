"""The reminder e-mails (Vietnamese, plain text and HTML), made fast enough for a
job of 100,000 learners.

A learner's e-mail differs from the next one's only in the name, the address, the
date and the message id. So the templates are rendered, and the whole message
built by Django's e-mail classes, once per reason and course; each learner's
message is those bytes with the four filled in. Building every message anew cost
about 2 ms of the standard library's header folding and MIME writing each, a
third of a second per thousand learners. Where a message cannot be made this way
(an address that is not ASCII, a body the library chose to re-encode), Django
builds it as usual.
"""

from email.header import Header
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import DNS_NAME, sanitize_address
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from certificates.issuing import public_base_url
from core.queueing import publish
from courses.notices import message
from people.tasks import send_email

# Stand-ins, filled in per learner.
NAME_TEXT = "@@name-text@@"
NAME_HTML = "@@name-html@@"
TO = "to@reminder.invalid"
DATE = "@@date@@"
MESSAGE_ID = "@@message-id@@"


class _Finished:
    """A message already written out: all that mail backends read of
    ``EmailMessage.message()``."""

    def __init__(self, data):
        self.data = data

    def as_bytes(self, linesep="\n", **kwargs):
        return (
            self.data if linesep == "\n" else self.data.replace(b"\n", linesep.encode())
        )

    def get_charset(self):
        return None


class ReminderMail(EmailMultiAlternatives):
    finished = None  # the whole message as bytes, when the Mailer could make them

    def message(self):
        if self.finished is None:
            return super().message()
        return _Finished(self.finished)


class Mailer:
    """Makes the reminder e-mails and sends them over one connection."""

    def __init__(self):
        self.subject = get_template("reports/stragglers/email/reminder_subject.txt")
        self.text = get_template("reports/stragglers/email/reminder.txt")
        self.html = get_template("reports/stragglers/email/reminder.html")
        self.my_learning_url = public_base_url() + reverse("courses:my_learning")
        # The Vietnamese sender and subjects encoded once (RFC 2047).
        self.sender = sanitize_address(settings.DEFAULT_FROM_EMAIL, "utf-8")
        self._made = {}

    def _make(self, reason, course_title):
        """(subject, text, html, message bytes or None) for a reason and course."""
        key = (reason, course_title)
        if key not in self._made:
            with translation.override(settings.LANGUAGE_CODE):
                context = {
                    "course": course_title,
                    "text": message(reason, course_title),
                    "my_learning_url": self.my_learning_url,
                }
                subject = " ".join(self.subject.render(context).split())
                text = self.text.render({**context, "name": NAME_TEXT})
                html = self.html.render({**context, "name": NAME_HTML})
            subject = Header(subject, "utf-8").encode()
            model = EmailMultiAlternatives(
                subject=subject,
                body=text,
                from_email=self.sender,
                to=[TO],
                headers={"Date": DATE, "Message-ID": MESSAGE_ID},
            )
            model.attach_alternative(html, "text/html")
            data = model.message().as_bytes()
            markers = (NAME_TEXT, NAME_HTML, TO, DATE, MESSAGE_ID)
            if not all(data.count(m.encode()) == 1 for m in markers):
                data = None  # re-encoded somewhere: build each message anew
            self._made[key] = (subject, text, html, data)
        return self._made[key]

    def build(self, reason, email, name, course_title):
        subject, text, html, data = self._make(reason, course_title)
        mail = ReminderMail(
            subject=subject,
            body=text.replace(NAME_TEXT, name),
            from_email=self.sender,
            to=[email],
        )
        mail.attach_alternative(html.replace(NAME_HTML, escape(name)), "text/html")
        if data is not None and email.isascii() and "\n" not in name + email:
            mail.finished = (
                data.replace(NAME_TEXT.encode(), name.encode())
                .replace(NAME_HTML.encode(), escape(name).encode())
                .replace(TO.encode(), email.encode())
                .replace(
                    DATE.encode(),
                    formatdate(localtime=settings.EMAIL_USE_LOCALTIME).encode(),
                )
                .replace(MESSAGE_ID.encode(), make_msgid(domain=DNS_NAME).encode())
            )
        return mail

    def send(self, mails, queued=False):
        """Over one connection (a job, already in a worker), or each queued as a
        task (a web request must not wait on the mail server)."""
        if queued:
            for mail in mails:
                html = mail.alternatives[0][0] if mail.alternatives else None
                publish(send_email, mail.subject, mail.body, mail.to, html)
        elif mails:
            get_connection().send_messages(mails)
