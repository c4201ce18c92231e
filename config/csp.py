"""Content-Security-Policy: strict on the public site, relaxed for the editors' admin.

The portal's own pages load scripts and styles only from its static files (no inline
``<script>``, ``style=`` or ``on...=`` attributes; tests check the rendered pages), so
``CONTENT_SECURITY_POLICY`` forbids inline code. Wagtail's and Django's admin
interfaces still use some inline scripts and styles: under ``CSP_ADMIN_PREFIXES`` the
middleware sends ``CONTENT_SECURITY_POLICY_ADMIN`` instead — the same origins, with
inline code allowed. Editors are trusted, signed-in staff; learners never see it.

A preview is the public page rendered for an editor: Wagtail runs it through the
middleware as a request for the page's own address, so it gets the strict policy,
whose ``frame-ancestors 'none'`` would stop the editor's preview panel from framing
it. Preview responses alone may be framed by the portal itself.
"""

from csp.constants import SELF
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        prefixes = tuple(getattr(settings, "CSP_ADMIN_PREFIXES", ()))
        if (
            not report_only
            and parts.config is None
            and prefixes
            and request.path_info.startswith(prefixes)
        ):
            admin_policy = settings.CONTENT_SECURITY_POLICY_ADMIN
            parts.config = default_config(admin_policy["DIRECTIVES"])
        if getattr(request, "is_preview", False):  # set by Wagtail's preview handler
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts
