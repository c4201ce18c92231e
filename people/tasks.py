"""Background work for people: sending mail without making the request wait."""

from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task(time_limit=60, soft_time_limit=50, autoretry_for=(OSError,), max_retries=3)
def send_email(subject, body, to, html_body=None):
    """Deliver one message; an SMTP hiccup retries instead of failing the request."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
    return len(to)


@shared_task(time_limit=60, soft_time_limit=50, autoretry_for=(OSError,), max_retries=3)
def send_password_reset(email, kind, domain, use_https, language):
    """Look up who may reset with this e-mail and mail them a link (the request
    only queued this, the same for any e-mail: people/password_reset.py)."""
    from .password_reset import send_reset_mails

    send_reset_mails(email, kind, domain, use_https, language)


@shared_task(time_limit=300, soft_time_limit=280)
def read_roster_task(import_id):
    """Read an uploaded roster and store its preview; safe to run twice."""
    from .rosters.jobs import read_for_preview

    read_for_preview(import_id)


@shared_task(time_limit=600, soft_time_limit=580, acks_late=True)
def apply_roster_task(import_id):
    """Create and update the accounts of a checked roster, then print the slips."""
    from .rosters.jobs import apply_import

    apply_import(import_id)


@shared_task(time_limit=120, soft_time_limit=100)
def sweep_roster_imports():
    """Run by Celery beat: hand over waiting imports, restart or fail stuck ones."""
    from .sweeps import sweep_roster_imports as sweep

    return sweep()


@shared_task(time_limit=600, soft_time_limit=580)
def sweep_retention():
    """Run by Celery beat every hour: delete files with personal data past their
    time (people/retention.py); safe to run twice."""
    from .retention import sweep

    return sweep()
