"""Wagtail admin pages of item analysis: the quizzes an editor may edit, and one quiz.

Only editors who may edit a quiz page see its analysis (403 otherwise); the list
shows just the quizzes the editor may edit. Query count is fixed per page.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Substr
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from courses.models import QuestionResult, QuizPage

from ..access import can_analyse_any, editable_quizzes, may_analyse
from .analysis import EASY_ABOVE, HARD_BELOW, MIN_ANSWERS, analyse
from .versions import by_tag


class ItemAnalysisIndexView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Item analysis")
    header_icon = "help"
    template_name = "reports/item_analysis/index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parent = Page.objects.filter(
            depth=OuterRef("depth") - 1,
            path=Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Page.steplen),
        ).values("title")[:1]
        context["quizzes"] = (
            editable_quizzes(self.request.user)
            .annotate(
                course_title=Subquery(parent),
                submitted=Count(
                    "attempts",
                    filter=Q(attempts__submitted_at__isnull=False),
                    output_field=IntegerField(),
                ),
            )
            .order_by("path")
        )
        return context


class ItemAnalysisQuizView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "help"
    template_name = "reports/item_analysis/quiz.html"

    def dispatch(self, request, quiz_id):
        self.quiz = get_object_or_404(QuizPage, pk=quiz_id)
        if not may_analyse(request.user, self.quiz):
            raise PermissionDenied
        return super().dispatch(request, quiz_id)

    def get_page_title(self):
        return _("Item analysis")

    def get_page_subtitle(self):
        return self.quiz.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("reports_item_analysis:index"),
                "label": _("Item analysis"),
            },
            {"url": "", "label": self.quiz.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            quiz=self.quiz,
            rows=analyse(self.quiz),
            tag_rows=by_tag(QuestionResult.objects.filter(quiz=self.quiz)),
            min_answers=MIN_ANSWERS,
            hard_percent=round(100 * HARD_BELOW),
            easy_percent=round(100 * EASY_ABOVE),
        )
        return context


class ItemAnalysisTagsView(WagtailAdminTemplateMixin, TemplateView):
    """Answers per competence tag over every quiz the editor may edit."""

    page_title = _("Results by competence tag")
    header_icon = "tag"
    template_name = "reports/item_analysis/tags.html"

    def dispatch(self, request):
        if not can_analyse_any(request.user):
            raise PermissionDenied
        return super().dispatch(request)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("reports_item_analysis:index"),
                "label": _("Item analysis"),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quizzes = editable_quizzes(self.request.user).values("pk")
        context["tag_rows"] = by_tag(QuestionResult.objects.filter(quiz__in=quizzes))
        return context
