"""The installable web app: its manifest and its service worker, at the site root.

``/sw.js`` is rendered from site/templates/sw.js with this deployment's addresses (the
hashed static names, My learning, sign-out, the pack endpoint) and its Vietnamese
notices, so the worker holds no hard-coded path. At the root, its scope is the whole
site; it caches only what courses.offline_pack lists for a course a learner keeps
offline (plus My learning and the static files those pages use), never a POST and
never a page outside a pack. The header ``Service-Worker-Allowed`` says so explicitly.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from home.context_processors import portal

THEME_COLOUR = "#a50e0e"  # base.html's theme-color
QUEUE_SCRIPT = "js/offline-queue.js"


def _worker_config():
    return {
        "static": settings.STATIC_URL,
        "media": settings.MEDIA_URL,
        "home": reverse("courses:my_learning"),
        "logout": reverse("people:logout"),
        # The pack of course 0, to be completed with the id: ".../0/" -> ".../<id>/"
        "pack": reverse("courses:offline_pack", args=[0]),
        "stylesheet": static("css/site.css"),
        # The offline queue (lesson done, practice answers), for Background Sync.
        "queue": static(QUEUE_SCRIPT) if finders.find(QUEUE_SCRIPT) else "",
        "offlineTitle": _("No connection"),
        "offlineText": _(
            "This page has not been kept for offline learning. "
            "Your offline courses are on My learning."
        ),
        "offlineLink": _("My learning"),
    }


@require_GET
def service_worker(request):
    if not settings.OFFLINE_BUDGET_MIB:
        raise Http404  # a worker already installed unregisters itself on a 404
    config = json.dumps(_worker_config(), ensure_ascii=False)
    script = render_to_string("sw.js", {"config": config})
    # The version the browser compares: a new deployment or setting, a new worker.
    version = hashlib.sha256(script.encode()).hexdigest()[:12]
    response = HttpResponse(
        script.replace("__VERSION__", version),
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


@require_GET
def web_manifest(request):
    name = portal(request)["portal"].get("portal_name") or _(
        "Digital skills training portal"
    )
    data = {
        "name": name,
        "short_name": _("Digital skills"),
        "lang": request.LANGUAGE_CODE,
        "start_url": reverse("courses:my_learning"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {
                "src": static(f"icons/app-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": purpose,
            }
            for size, purpose in ((192, "any"), (512, "any"), (512, "maskable"))
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    patch_cache_control(response, max_age=3600)
    return response
