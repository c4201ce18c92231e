"""Who is calling: a bearer token of a live ApiClient, within its rate limit.

Missing, unknown and revoked tokens all get the same 401. A known client over its
limit gets 429 with Retry-After (people/ratelimit.py counts per client in the
cache, or in the database while Redis is down).
"""

from django.conf import settings
from ninja.errors import HttpError
from ninja.security import HttpBearer

from people import ratelimit

from ..models import ApiClient
from ..models.api import token_hash

RATE_WINDOW_SECONDS = 60


class RateLimited(Exception):
    def __init__(self, retry_after):
        self.retry_after = retry_after


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        client = (
            ApiClient.objects.live()
            .select_related("organisation")
            .filter(token_hash=token_hash(token))
            .first()
        )
        if client is None:
            return None
        request.api_client = client  # for the access log, even when limited
        allowed, retry_after = ratelimit.hit(
            "api",
            client.pk,
            settings.API_RATE_LIMIT_PER_MINUTE,
            RATE_WINDOW_SECONDS,
        )
        if not allowed:
            raise RateLimited(retry_after)
        return client


def require(request, scope):
    """The calling client, if it holds ``scope``; 403 otherwise."""
    client = request.auth
    if not client.has_scope(scope):
        raise HttpError(403, f"This client lacks the '{scope}' scope.")
    return client
