"""Rate limits for password-reset requests: per client address and per e-mail
typed (issue 14 finding 9), so the form cannot flood an inbox or be used to probe
addresses at speed. Counted by people/ratelimit.py (the cache, or the database while
the cache is down), like every other limit.
"""

import hashlib

from django.conf import settings

from .ratelimit import hit

WINDOW = 3600


def _limits():
    return (
        ("address", settings.PASSWORD_RESET_LIMIT_PER_ADDRESS),
        ("email", settings.PASSWORD_RESET_LIMIT_PER_EMAIL),
    )


def seconds_until_allowed(request, email):
    """None if this reset request may go ahead, else seconds until the window ends.

    Every request is counted, whether or not the e-mail belongs to anyone, so the
    answer tells nothing about accounts.
    """
    email_key = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    wait = None
    for scope, limit in _limits():
        value = address if scope == "address" else email_key
        allowed, retry_after = hit(f"password-reset-{scope}", value, limit, WINDOW)
        if not allowed:
            wait = max(wait or 0, retry_after)
    return wait
