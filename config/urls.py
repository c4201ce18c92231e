"""URL map: accounts, language switch, search, admin, then Wagtail's page tree."""

import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.health import healthz
from config.language import switch_language
from config.media import serve_media
from people.admin_password_reset import AdminPasswordResetView

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # The credential issuer's public keys (certificates/credentials/keys.py)
    path("", include("certificates.credentials.urls")),
    path("django-admin/", admin.site.urls),
    # Wagtail's reset form, queued and rate limited (people/admin_password_reset.py)
    path("admin/password_reset/", AdminPasswordResetView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("tai-khoan/", include("people.urls")),
    path("", include("courses.urls")),  # /hoc-tap-cua-toi/…, /hoc/dong-bo/
    path("dieu-phoi/", include("people.coordinator_urls")),
    path("dieu-phoi/", include("courses.coordinator_urls")),
    path("dieu-phoi/", include("reports.class_progress.urls")),
    path("nhan-su/lich-thi/", include("courses.department_urls")),
    path("nhan-su/dan-so/", include("reports.populations.urls")),
    path("nhan-su/", include("people.admin_urls")),
    path("yeu-cau-du-lieu/", include("people.data_request_urls")),
    path("ngon-ngu/<str:language>/", switch_language, name="switch_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("tim-kiem/", include("search.urls")),
    path("chung-nhan/", include("certificates.urls")),
    path("thong-ke/xuat/", include("reports.exports.urls")),
    path("thong-ke/hoc-vien-cham/", include("reports.stragglers.urls")),
    path("thong-ke/", include("reports.dashboard.urls")),
    path("du-lieu-mo/", include("reports.open_data.urls")),
    path("api/v1/", include("reports.api.urls")),
]

# Public media when nothing in front serves it (SERVE_MEDIA; config/media.py checks
# the setting on each request, so the route does not depend on DEBUG).
if settings.MEDIA_URL.startswith("/"):
    prefix = re.escape(settings.MEDIA_URL.strip("/"))
    urlpatterns += [re_path(rf"^{prefix}/(?P<path>.+)$", serve_media, name="media")]

urlpatterns += [path("", include(wagtail_urls))]
