"""The certificate template and artwork snippets, and a menu link to the records."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .access import MANAGE_PERMISSION
from .artwork import prepare_template
from .artwork_views import ArtworkChooserViewSet, artwork_file, thumbnail_column
from .models import CertificateArtwork, CertificateTemplate


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    list_display = ["name", "is_default", "issuing_body", "signer_name"]
    menu_label = _("Certificate templates")
    menu_order = 310
    add_to_admin_menu = True


register_snippet(CertificateTemplateViewSet)


class CertificateArtworkViewSet(SnippetViewSet):
    """Signatures, seals and backgrounds: certificate administrators only (the
    model's permissions; its chooser and files are checked as well)."""

    model = CertificateArtwork
    icon = "image"
    list_display = ["title", "kind", thumbnail_column()]
    list_filter = ["kind"]
    menu_label = _("Certificate artwork")
    menu_order = 311
    add_to_admin_menu = True
    chooser_viewset_class = ArtworkChooserViewSet


register_snippet(CertificateArtworkViewSet)


@hooks.register("register_admin_urls")
def artwork_urls():
    return [
        path(
            "certificates/artwork/<int:pk>/file/",
            artwork_file,
            name="certificate_artwork_file",
        )
    ]


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
