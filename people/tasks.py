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
