"""Wagtail admin screens to import questions into a bank, and to download a bank.

Upload (file + bank) → preview: the questions that will be created and the
row-/line-numbered problems → confirm: all or nothing. The preview is kept in the
cache under a one-time token bound to the editor, the bank and the bank's state at
preview time, so a forged or stale confirm (another bank, a bank that changed, a
preview already used or expired) creates nothing and says why.
"""

import re
import secrets

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import QuestionBank
from .question_formats import (
    CONTENT_TYPES,
    EXTENSIONS,
    FORMATS,
    ImportedQuestion,
    QuestionFileError,
    aiken_can_hold,
    read_questions,
    write_questions,
)
from .question_formats.store import bank_questions, create_questions

ADD = "courses.add_question"
READ = ("courses.add_question", "courses.change_question", "courses.view_question")
PREVIEW_SECONDS = 3600
TEMPLATE_FORMATS = ("xlsx", "csv")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def can_import(user):
    return user.has_perm(ADD)


def can_read(user):
    return any(user.has_perm(perm) for perm in READ)


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _bank_state(bank):
    """Changes whenever a question of the bank is added, edited or removed."""
    state = bank.questions.aggregate(
        n=Count("pk"), last=Max("updated_at"), top=Max("pk")
    )
    last = state["last"].isoformat() if state["last"] else ""
    return [state["n"], state["top"] or 0, last]


def _key(user, token):
    return f"question-import:{user.pk}:{token}"


def listing_url(bank):
    return reverse("wagtailsnippets_courses_question:list") + f"?bank={bank.pk}"


class UploadForm(forms.Form):
    bank = forms.ModelChoiceField(
        label=_("Question bank"),
        queryset=QuestionBank.objects.all(),
        empty_label=_("Choose a bank"),
        error_messages={"invalid_choice": _("Choose one of the question banks.")},
    )
    file = forms.FileField(
        label=_("Question file"),
        help_text=_(
            "The template (.xlsx or .csv), a Moodle GIFT file or an Aiken file (.txt)."
        ),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("Recognise from the file")), *FORMATS.items()],
        required=False,
    )


class QuestionImportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Import questions")
    header_icon = "upload"
    template_name = "courses/question_import/upload.html"

    def dispatch(self, request, *args, **kwargs):
        _require(can_import(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        banks = reverse("wagtailsnippets_courses_questionbank:list")
        return [
            *self.breadcrumbs_items,
            {"url": banks, "label": _("Question banks")},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request):
        bank = request.GET.get("bank", "")
        initial = {"bank": bank} if bank.isdigit() else {}
        return self.render_to_response(
            self.get_context_data(form=UploadForm(initial=initial))
        )

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        context = {"form": form}
        if form.is_valid():
            context |= self.preview(form)
        return self.render_to_response(self.get_context_data(**context))

    def preview(self, form):
        bank, upload = form.cleaned_data["bank"], form.cleaned_data["file"]
        try:
            parsed = read_questions(upload, upload.name, form.cleaned_data["format"])
        except QuestionFileError as error:
            form.add_error("file", error.message)
            return {}
        context = {"parsed": parsed, "bank": bank, "filename": upload.name}
        if parsed.ok:
            token = secrets.token_urlsafe(24)
            payload = {
                "bank": bank.pk,
                "state": _bank_state(bank),
                "questions": [q.as_dict() for q in parsed.questions],
            }
            cache.set(_key(self.request.user, token), payload, PREVIEW_SECONDS)
            context["token"] = token
        return context


@require_POST
def confirm_import(request):
    _require(can_import(request.user))
    token = request.POST.get("token", "")
    bank = QuestionBank.objects.filter(pk=_int(request.POST.get("bank"))).first()
    key = _key(request.user, token)
    payload = cache.get(key) if _TOKEN.fullmatch(token) else None
    retry = reverse("question_import:upload") + (f"?bank={bank.pk}" if bank else "")
    if payload is None:
        messages.error(
            request,
            gettext(
                "This preview has expired or was already used, so nothing was "
                "imported. Upload the file again."
            ),
        )
        return HttpResponseRedirect(retry)
    if bank is None or bank.pk != payload["bank"]:
        messages.error(
            request,
            gettext(
                "The preview was made for another question bank, so nothing was "
                "imported. Upload the file again for this bank."
            ),
        )
        return HttpResponseRedirect(retry)
    if _bank_state(bank) != payload["state"]:
        cache.delete(key)
        messages.error(
            request,
            gettext(
                "The bank “%(bank)s” changed after the preview (questions were added "
                "or edited), so nothing was imported. Upload the file again to see "
                "an up-to-date preview."
            )
            % {"bank": bank},
        )
        return HttpResponseRedirect(retry)
    cache.delete(key)  # one confirm per preview, even if this one fails
    questions = [ImportedQuestion.from_dict(q) for q in payload["questions"]]
    try:
        created = create_questions(bank, questions)
    except (ValidationError, ValueError, KeyError):
        messages.error(
            request,
            gettext(
                "A question could not be saved (a competence tag may have been "
                "removed meanwhile), so nothing was imported. Upload the file again."
            ),
        )
        return HttpResponseRedirect(retry)
    messages.success(
        request,
        ngettext(
            "%(count)s question was imported into “%(bank)s”.",
            "%(count)s questions were imported into “%(bank)s”.",
            created,
        )
        % {"count": created, "bank": bank},
    )
    return HttpResponseRedirect(listing_url(bank))


def _int(value):
    return int(value) if isinstance(value, str) and value.isdigit() else None


class BankDownloadView(WagtailAdminTemplateMixin, TemplateView):
    """The formats a bank can be downloaded in, and what Aiken leaves out."""

    header_icon = "download"
    template_name = "courses/question_import/download.html"

    def dispatch(self, request, bank_id):
        _require(can_read(request.user))
        self.bank = get_object_or_404(QuestionBank, pk=bank_id)
        return super().dispatch(request, bank_id)

    def get_page_title(self):
        return _("Download questions")

    def get_page_subtitle(self):
        return self.bank.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = dict(
            self.bank.questions.values_list("kind").annotate(n=Count("pk")).order_by()
        )
        total = sum(counts.values())
        single = counts.get("single_choice", 0)
        links = [
            (label, reverse("question_import:export", args=[self.bank.pk, fmt]))
            for fmt, label in FORMATS.items()
        ]
        context |= {
            "bank": self.bank,
            "total": total,
            "aiken_left_out": total - single,
            "links": links,
            "can_import": can_import(self.request.user),
        }
        return context


def export_bank(request, bank_id, fmt):
    _require(can_read(request.user))
    bank = get_object_or_404(QuestionBank, pk=bank_id)
    if fmt not in FORMATS:
        raise Http404
    questions = bank_questions(bank)
    when = timezone.localtime().strftime("%d/%m/%Y %H:%M")
    notes = [f"Ngân hàng câu hỏi: {bank.name}", f"Xuất lúc {when}"]
    content = write_questions(questions, fmt, title=bank.name, notes=notes)
    if fmt == "aiken":
        left_out = sum(1 for q in questions if not aiken_can_hold(q))
        if left_out:
            messages.warning(
                request,
                ngettext(
                    "%(count)s question with several correct answers or true/false "
                    "was left out of the Aiken file.",
                    "%(count)s questions with several correct answers or true/false "
                    "were left out of the Aiken file.",
                    left_out,
                )
                % {"count": left_out},
            )
    return _download(content, f"cau-hoi-{bank.pk}-{fmt}", fmt)


def template_file(request, fmt):
    _require(can_read(request.user))
    if fmt not in TEMPLATE_FORMATS:
        raise Http404
    example = [
        ImportedQuestion(
            1,
            "single_choice",
            "Mật khẩu nào sau đây mạnh nhất?",
            [["123456", False], ["Tr@ngXanh-2025!", True], ["matkhau", False]],
            explanation="Mật khẩu mạnh dài, có chữ hoa, chữ thường, số và ký hiệu.",
        ),
        ImportedQuestion(
            2,
            "multiple_choice",
            "Những dấu hiệu nào cho thấy một tin nhắn có thể là lừa đảo?",
            [
                ["Đòi chuyển tiền gấp", True],
                ["Đường liên kết lạ", True],
                ["Gửi từ số của người thân đã lưu", False],
            ],
        ),
        ImportedQuestion(
            3,
            "true_false",
            "Có thể nộp hồ sơ dịch vụ công trực tuyến trên Cổng Dịch vụ công quốc gia.",
            answer=True,
        ),
    ]
    notes = [
        "Mẫu nhập câu hỏi — mỗi dòng một câu; xem docs/question-import.md.",
        "Loại: Một đáp án / Nhiều đáp án / Đúng/Sai. Đáp án đúng: A hoặc A,C; "
        "Đúng hoặc Sai.",
    ]
    content = write_questions(example, fmt, title="Câu hỏi", notes=notes)
    return _download(content, "mau-nhap-cau-hoi", fmt)


def _download(content, name, fmt):
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{EXTENSIONS[fmt]}"'
    return response
