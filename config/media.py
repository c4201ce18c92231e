"""Public media (``/media/``) served by Django, when no web server in front does it.

nginx serves ``/media/`` straight from disk in the systemd set-up
(deploy/nginx/portal.conf). Where nothing sits in front (``make run``, ``make
prod-local``, the Compose file's web container), ``SERVE_MEDIA`` (env
``DJANGO_SERVE_MEDIA``) turns this view on. It is on in dev.py whatever ``DEBUG``
says, and off by default everywhere else.

Like WhiteNoise for static files, but for files uploaded while the site runs: each
request looks at the disk (no file list at start-up), answers ``If-Modified-Since``
with 304, lets browsers keep a file for a day, and never serves anything outside
``MEDIA_ROOT`` — in particular nothing under ``PRIVATE_MEDIA_ROOT`` (certificates,
rosters, certificate artwork), even when that folder was put inside ``MEDIA_ROOT``.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

# A day: Wagtail's rendition and upload names change when the picture changes, but
# an editor replacing a document's file keeps its name.
MAX_AGE = 24 * 3600
# Types a browser could run as a page or script are downloaded, never displayed.
INLINE_TYPES = ("image/", "video/", "audio/", "application/pdf", "text/plain")


def _inside(path, folder):
    try:
        path.relative_to(Path(folder).resolve())
    except ValueError:
        return False
    return True


def media_file(relative):
    """The file under MEDIA_ROOT named by the URL's path, or None."""
    try:
        path = Path(safe_join(settings.MEDIA_ROOT, relative)).resolve()
    except (SuspiciousFileOperation, ValueError, OSError):  # "..", NUL bytes
        return None
    if not _inside(path, settings.MEDIA_ROOT) or _inside(
        path, settings.PRIVATE_MEDIA_ROOT
    ):
        return None
    return path if path.is_file() else None


@require_safe
def serve_media(request, path):
    if not getattr(settings, "SERVE_MEDIA", False):
        raise Http404
    found = media_file(path)
    if found is None:
        raise Http404
    stat = found.stat()
    if not was_modified_since(
        request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime
    ):
        return HttpResponseNotModified()
    content_type, _encoding = mimetypes.guess_type(found.name)
    content_type = content_type or "application/octet-stream"
    inline = content_type.startswith(INLINE_TYPES)
    response = FileResponse(
        found.open("rb"),
        content_type=content_type if inline else "application/octet-stream",
        as_attachment=not inline,
        filename=found.name,
    )
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
