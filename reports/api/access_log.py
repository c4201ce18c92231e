"""The access log: one ApiAccess row per request of a known client (endpoint,
query parameters, rows sent, status, time). Requests without a valid token are not
logged here (they name no client; the web server's log has them)."""

import time
from functools import wraps

from ..models import ApiAccess


def rows_sent(request, count):
    """Endpoints call this with the number of rows they answer with."""
    request.api_rows = count


def logged(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        started = time.perf_counter()
        response = view(request, *args, **kwargs)
        client = getattr(request, "api_client", None)
        if client is not None:
            match = request.resolver_match
            ApiAccess.objects.create(
                client=client,
                endpoint=(match.url_name if match else "")[:100],
                params={**request.GET.dict(), **kwargs},
                rows=getattr(request, "api_rows", 0),
                status=response.status_code,
                duration_ms=int((time.perf_counter() - started) * 1000),
            )
        return response

    return wrapper


def log_every_route(patterns):
    """Wrap the callbacks of ninja's URL patterns (``functools.wraps`` keeps its
    csrf_exempt mark)."""
    for pattern in patterns:
        pattern.callback = logged(pattern.callback)
    return patterns
