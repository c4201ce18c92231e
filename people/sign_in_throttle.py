"""Sign-in throttling: wrong passwords counted once per account, short growing
delays for learners, a hard pause for staff (issue 14 finding 4; the trade-offs are
in docs/sign-in-throttling.md).

* **One identity, one count.** A username and the e-mail of the same account are the
  same identity (its username, lower-cased); a name that matches no account counts
  under what was typed, so unknown and known names are throttled alike.
* **Where from.** Failures count per identity and address; a browser where the
  account signed in before (people.sign_in_devices) has its own counter, so a storm
  from the school's shared address does not hold up the pupil on a known device.
* **Learners** (and unknown names): after ``AXES_FAILURE_LIMIT`` wrong passwords each
  further try waits ``SIGN_IN_DELAY_SECONDS`` × 2ⁿ, at most
  ``SIGN_IN_DELAY_MAX_SECONDS``; the right password after the wait works.
  **Staff** (coordinators, viewers, editors, admins): paused ``AXES_COOLOFF_TIME``.
* Tries during a wait are refused unchecked and not counted (they do not extend it).
  Counters are forgotten after ``AXES_COOLOFF_TIME`` without failures, and on a
  successful sign-in from that address.

Counters are axes' ``AccessAttempt`` rows (username = identity, user_agent = the
known-device key or ""), so they hold with Redis down and show in axes' admin.
"""

import math
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .auth_backends import account_for
from .models import Membership
from .sign_in_devices import device_for, remember_sign_in

LEARNER_RULE, STAFF_RULE = "learner", "staff"
STAFF_ROLES = [Membership.Role.COORDINATOR, Membership.Role.VIEWER]


def normalise(login):
    return (login or "").strip().lower()


def _typed(request, credentials):
    field = settings.AXES_USERNAME_FORM_FIELD
    source = credentials if credentials else getattr(request, "POST", {})
    return normalise(source.get(field))


def identity_and_account(request, credentials):
    """(identity, account or None), looked up once per request."""
    typed = _typed(request, credentials)
    memo = request.__dict__.setdefault("_sign_in_identities", {})
    if typed not in memo:
        user = account_for(typed)
        memo[typed] = (normalise(user.get_username()) if user else typed, user)
    return memo[typed]


def staff_among(user_ids):
    """The ids of accounts that open more doors than a learner's (one query)."""
    return set(
        get_user_model()
        .objects.filter(pk__in=list(user_ids))
        .filter(
            Q(is_staff=True)
            | Q(is_superuser=True)
            | Q(groups__isnull=False)
            | Q(memberships__role__in=STAFF_ROLES)
        )
        .values_list("pk", flat=True)
    )


def rule_for(user):
    """Staff accounts open more doors, so they get the stricter rule."""
    if user is None or not staff_among([user.pk]):
        return LEARNER_RULE
    return STAFF_RULE


def wait_after(failures, rule):
    """How long after the last failure the next try must wait."""
    over = failures - settings.AXES_FAILURE_LIMIT
    if over < 0:
        return timedelta(0)
    if rule == STAFF_RULE:
        return settings.AXES_COOLOFF_TIME
    seconds = settings.SIGN_IN_DELAY_SECONDS * 2 ** min(over, 20)
    return timedelta(seconds=min(seconds, settings.SIGN_IN_DELAY_MAX_SECONDS))


def held_until(attempt, rule, now=None):
    """When the counter ``attempt`` lets its identity try again, or None if it does."""
    until = attempt.attempt_time + wait_after(attempt.failures_since_start, rule)
    return until if until > (now or timezone.now()) else None


def seconds_left(until, now=None):
    return max(1, math.ceil((until - (now or timezone.now())).total_seconds()))


def _expire_old_counters(now):
    AccessAttempt.objects.filter(
        attempt_time__lte=now - settings.AXES_COOLOFF_TIME
    ).delete()


class IdentityThrottleHandler(AxesDatabaseHandler):
    """axes' database handler, keyed by identity and device (see the module)."""

    def _key(self, request, credentials):
        identity, user = identity_and_account(request, credentials)
        device = device_for(request, identity)
        return (
            identity,
            user,
            {
                "username": identity,
                "ip_address": request.axes_ip_address,
                "user_agent": device,
            },
        )

    def _hold(self, request, until, now):
        request.axes_locked_out = True
        request.sign_in_wait_seconds = seconds_left(until, now)

    def is_locked(self, request, credentials=None):
        identity, user, key = self._key(request, credentials)
        if not identity:
            return False
        attempt = AccessAttempt.objects.filter(**key).first()
        if attempt is None:
            return False
        now = timezone.now()
        until = held_until(attempt, rule_for(user), now)
        if until is None:
            return False
        self._hold(request, until, now)
        return True

    def get_failures(self, request, credentials=None):
        _identity, _user, key = self._key(request, credentials)
        attempt = AccessAttempt.objects.filter(**key).first()
        return attempt.failures_since_start if attempt else 0

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is None or request.axes_locked_out:
            return  # refused during a wait: not checked, so not counted
        identity, user, key = self._key(request, credentials)
        if not identity:
            return
        now = timezone.now()
        _expire_old_counters(now)
        with transaction.atomic():
            attempt, created = AccessAttempt.objects.select_for_update().get_or_create(
                **key,
                defaults={
                    "failures_since_start": 1,
                    "attempt_time": now,
                    "get_data": "",
                    "post_data": "",
                    "http_accept": request.axes_http_accept,
                    "path_info": request.axes_path_info,
                },
            )
            if not created:
                AccessAttempt.objects.filter(pk=attempt.pk).update(
                    failures_since_start=F("failures_since_start") + 1,
                    attempt_time=now,
                )
                attempt.refresh_from_db()
        # AccessAttempt.attempt_time is auto_now_add: the row says when it was made.
        attempt.attempt_time = now
        until = held_until(attempt, rule_for(user), now)
        if until is not None:
            request.axes_credentials = credentials
            self._hold(request, until, now)

    def user_logged_in(self, sender, request, user, **kwargs):
        """The person is here and knows the password: forget this address's
        failures for the account, and remember the browser."""
        identity = normalise(user.get_username())
        AccessAttempt.objects.filter(
            username=identity, ip_address=request.axes_ip_address
        ).delete()
        remember_sign_in(request, identity)


def lift(identity):
    """Forget every counter of one identity (a coordinator lifting a wait)."""
    deleted, _ = AccessAttempt.objects.filter(username=normalise(identity)).delete()
    return deleted
