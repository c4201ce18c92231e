"""Admin URLs and buttons of question import/export (imported by wagtail_hooks).

Buttons: "Import questions" and "Download the template" above the bank and question
listings, "Import"/"Download" in each bank's row menu and in the bank's edit view.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.views.snippets import EditView, IndexView

from .models import QuestionBank
from .question_import_views import (
    BankDownloadView,
    QuestionImportView,
    can_import,
    can_read,
    confirm_import,
    export_bank,
    template_file,
)

question_import_urls = (
    [
        path("", QuestionImportView.as_view(), name="upload"),
        path("confirm/", confirm_import, name="confirm"),
        path("template.<str:fmt>", template_file, name="template"),
        path("bank/<int:bank_id>/", BankDownloadView.as_view(), name="download"),
        path("bank/<int:bank_id>/export/<str:fmt>/", export_bank, name="export"),
    ],
    "question_import",
)


@hooks.register("register_admin_urls")
def register_question_import_urls():
    return [path("question-import/", include(question_import_urls))]


def _bank_buttons(bank, user, priority=50):
    if can_import(user):
        yield Button(
            _("Import questions"),
            reverse("question_import:upload") + f"?bank={bank.pk}",
            icon_name="upload",
            priority=priority,
        )
    if can_read(user):
        yield Button(
            _("Download questions"),
            reverse("question_import:download", args=[bank.pk]),
            icon_name="download",
            priority=priority + 1,
        )


@hooks.register("register_snippet_listing_buttons")
def bank_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, QuestionBank):
        yield from _bank_buttons(snippet, user)


class ImportHeaderMixin:
    """ "Import questions" and the template in the listing's header menu."""

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        user = self.request.user
        if can_import(user):
            buttons.append(
                Button(
                    _("Import questions"),
                    reverse("question_import:upload"),
                    icon_name="upload",
                    priority=60,
                )
            )
        if can_read(user):
            buttons.append(
                Button(
                    _("Download the import template (.xlsx)"),
                    reverse("question_import:template", args=["xlsx"]),
                    icon_name="download",
                    priority=61,
                )
            )
        return buttons


class QuestionBankIndexView(ImportHeaderMixin, IndexView):
    pass


class QuestionIndexView(ImportHeaderMixin, IndexView):
    pass


class QuestionBankEditView(EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        return buttons + list(_bank_buttons(self.object, self.request.user, 5))
