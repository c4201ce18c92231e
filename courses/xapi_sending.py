"""Giving the outbox's xAPI statements to the Learning Record Store.

``send_pending`` posts the oldest waiting statements in batches (a JSON array to
``<XAPI_LRS_URL>/statements``, xAPI 1.0.3, HTTP Basic) and marks them sent when the
LRS says 200 or 204. Anything else leaves them waiting with the error noted: the
next run (the task after each event, or beat every minute) tries again. Rows are
taken with SKIP LOCKED, so two runs at once never send the same batch twice; and
were a batch sent twice anyway, the LRS keeps one statement per id.
"""

import base64
import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import XapiStatement

logger = logging.getLogger(__name__)

BATCH = 100
TIMEOUT_S = 10
VERSION = "1.0.3"


class LrsRefused(Exception):
    pass


def _post(statements):
    url = settings.XAPI_LRS_URL.rstrip("/") + "/statements"
    if not url.startswith(("http://", "https://")):  # never file: or other schemes
        raise LrsRefused(f"not an http(s) address: {url}")
    body = json.dumps(statements, ensure_ascii=False).encode()
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "X-Experience-API-Version": VERSION,
        },
    )
    user = getattr(settings, "XAPI_LRS_USERNAME", "")
    if user:
        secret = f"{user}:{settings.XAPI_LRS_PASSWORD}".encode()
        request.add_header(
            "Authorization", "Basic " + base64.b64encode(secret).decode()
        )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310
            if response.status not in (200, 204):
                raise LrsRefused(f"HTTP {response.status}")
    except urllib.error.HTTPError as error:
        raise LrsRefused(f"HTTP {error.code}: {error.read(300)!r}") from error
    except (urllib.error.URLError, OSError) as error:
        raise LrsRefused(str(error)) from error


def _send_batch():
    """Send one batch; how many were sent (0 when none waits or the LRS refused)."""
    with transaction.atomic():
        rows = list(
            XapiStatement.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True)
            .order_by("id")[:BATCH]
        )
        if not rows:
            return 0
        ids = [row.pk for row in rows]
        try:
            _post([row.payload for row in rows])
        except LrsRefused as error:
            logger.warning("xAPI: the LRS refused %s statements: %s", len(ids), error)
            XapiStatement.objects.filter(pk__in=ids).update(
                tries=F("tries") + 1, last_error=str(error)[:1000]
            )
            return 0
        XapiStatement.objects.filter(pk__in=ids).update(
            sent_at=timezone.now(), last_error=""
        )
        return len(ids)


def send_pending(max_batches=50):
    """Send what waits, batch after batch, until done or the LRS refuses."""
    if not getattr(settings, "XAPI_LRS_URL", ""):
        return 0
    sent = 0
    for _ in range(max_batches):
        done = _send_batch()
        if not done:
            break
        sent += done
    return sent
