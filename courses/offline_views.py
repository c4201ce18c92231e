"""The offline sync endpoint (JSON): see courses/offline_sync.py for the rules."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils.translation import gettext as _

from core.request_json import BadJSON, read_json

from . import offline_sync


def offline_sync_view(request):
    """POST {"items": [...]} -> {"results": [...]}, one result per item, in order.

    CSRF-checked like every POST (the page's token travels in X-CSRFToken). Refused
    items are also left as messages for the next page, unless the body says
    ``"shown": true`` (a page that shows the results itself): a sync the service
    worker sent in the background is still seen by the learner. ``"user"`` names
    the account the browser queued the items for; another account gets a 409.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Please sign in again.")}, status=401)
    try:
        payload = read_json(request.body)
        items = offline_sync.items_of(payload)
    except (BadJSON, offline_sync.BadBatch):
        return JsonResponse(
            {"error": _("The sync request could not be read; nothing was saved.")},
            status=400,
        )
    if "user" in payload and str(payload["user"]) != str(request.user.pk):
        # Queued by someone else on this device (a shared PC): kept for them.
        return JsonResponse(
            {"error": _("These items were saved by another account.")}, status=409
        )
    offline_sync.sync(request, items)
    if payload.get("shown") is not True:
        for item in items:
            if item.status == offline_sync.REFUSED:
                messages.warning(request, item.message)
    return JsonResponse({"results": [item.result() for item in items]})
