"""The certificate template snippet, and a menu link to the certificate records."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .access import MANAGE_PERMISSION
from .artwork import prepare_template
from .models import CertificateTemplate


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    list_display = ["name", "is_default", "issuing_body", "signer_name"]
    menu_label = _("Certificate templates")
    menu_order = 310
    add_to_admin_menu = True


register_snippet(CertificateTemplateViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def prepare_template_images(request, instance):
    """Prepare the uploaded images once, when the template is saved."""
    if isinstance(instance, CertificateTemplate):
        prepare_template(instance)


class _CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MANAGE_PERMISSION)


@hooks.register("register_admin_menu_item")
def certificates_menu_item():
    """Issued, pending and failed certificates, with the retry action."""
    return _CertificatesMenuItem(
        _("Certificates issued"),
        reverse("admin:certificates_certificate_changelist") + "?status__exact=failed",
        icon_name="doc-full-inverse",
        order=320,
    )
