"""Certificate artwork in the admin: its file through a checked view, its chooser
closed to everyone but certificate administrators.

The files are in private storage, so nothing under /media/ serves them; the admin's
thumbnails and previews come from :func:`artwork_file`.
"""

import mimetypes

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenView,
)

from .access import can_see_artwork
from .models import CertificateArtwork


def artwork_file(request, pk):
    """The uploaded picture, for certificate administrators only (404 otherwise)."""
    if not can_see_artwork(request.user):
        raise Http404
    artwork = get_object_or_404(CertificateArtwork, pk=pk)
    content_type = mimetypes.guess_type(artwork.file.name)[0]
    if not (content_type or "").startswith("image/"):
        content_type = "application/octet-stream"
    response = FileResponse(artwork.file.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def artwork_file_url(artwork):
    return reverse("certificate_artwork_file", args=[artwork.pk])


class ThumbnailColumn(Column):
    """A small picture of the artwork in the admin listing."""

    def get_value(self, instance):
        return format_html(
            '<img src="{}" alt="" style="max-width:120px;max-height:60px">',
            artwork_file_url(instance),
        )

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = self.get_value(instance)
        return context


def thumbnail_column():
    return ThumbnailColumn("thumbnail", label=_("Picture"))


class _AdministratorsOnly:
    """Wagtail's snippet chooser lists any snippet to anyone in the admin."""

    def dispatch(self, request, *args, **kwargs):
        if not can_see_artwork(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ArtworkChooseView(_AdministratorsOnly, ChooseView):
    pass


class ArtworkChooseResultsView(_AdministratorsOnly, ChooseResultsView):
    pass


class ArtworkChosenView(_AdministratorsOnly, SnippetChosenView):
    pass


class ArtworkChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ArtworkChooseView
    choose_results_view_class = ArtworkChooseResultsView
    chosen_view_class = ArtworkChosenView
