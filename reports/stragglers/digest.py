"""The weekly digest: to each coordinator or administrator who switched it on, an
e-mail with the counts of their straggler lists and a link to them.

Run by Celery beat (``reports-weekly-digest``, Monday morning). A digest is claimed
with a conditional UPDATE of ``last_sent_at``, so a beat tick run twice, or two
workers, send it once.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from certificates.issuing import public_base_url
from core.queueing import publish
from courses.models import Notice
from people.tasks import send_email

from ..access import straggler_roots
from ..models import DigestPreference
from ..tree import UnitTree
from . import rules
from .filters import StragglerFilters

# Less than a week, so that a digest sent a little late one week still goes out
# on time the next.
RESEND_AFTER = timedelta(days=6)


def list_counts(user, now=None, tree=None):
    """[(reason, label, days, count)] of the user's four lists at their defaults."""
    tree = tree or UnitTree()
    roots = straggler_roots(user)
    counts = []
    for reason, label in Notice.Kind.choices:
        filters = StragglerFilters.for_user(user, reason, {}, roots)
        count = rules.stragglers(filters, now, tree).count() if filters.roots else 0
        counts.append((reason, label, filters.days, count))
    return counts


def set_preference(user, on):
    DigestPreference.objects.update_or_create(
        user=user, defaults={"weekly_digest": bool(on)}
    )


def wants_digest(user):
    return DigestPreference.objects.filter(user=user, weekly_digest=True).exists()


def send_weekly_digests(now=None):
    """Send every due digest; returns how many were queued."""
    now = now or timezone.now()
    tree = UnitTree()
    due = (
        DigestPreference.objects.filter(weekly_digest=True, user__is_active=True)
        .exclude(user__email="")
        .filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - RESEND_AFTER))
        .select_related("user")
    )
    sent = 0
    for preference in due:
        claimed = (
            DigestPreference.objects.filter(pk=preference.pk)
            .filter(
                Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - RESEND_AFTER)
            )
            .update(last_sent_at=now)
        )
        if claimed and _send(preference.user, now, tree):
            sent += 1
    return sent


def _send(user, now, tree):
    counts = list_counts(user, now, tree)
    if not any(count for *_rest, count in counts):
        return False  # nobody lags behind: no mail
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "name": user.get_full_name(),
            "counts": counts,
            "url": public_base_url() + reverse("stragglers:list"),
        }
        subject = " ".join(
            render_to_string(
                "reports/stragglers/email/digest_subject.txt", context
            ).split()
        )
        body = render_to_string("reports/stragglers/email/digest.txt", context)
        html = render_to_string("reports/stragglers/email/digest.html", context)
    return publish(send_email, subject, body, [user.email], html)
