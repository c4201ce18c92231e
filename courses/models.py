"""Learning content as Wagtail pages: course index → course → lessons and quizzes."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from people.text import clean_text

from .blocks import LessonBodyBlock, QuizQuestionsBlock


class Audience(models.Model):
    """Who a course is for (youth-union members, one-stop staff…): an editable list."""

    name = models.CharField(_("tên"), max_length=100, unique=True)
    slug = models.SlugField(_("mã"), max_length=50, unique=True)
    description = models.TextField(_("mô tả"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        verbose_name = _("đối tượng học")
        verbose_name_plural = _("đối tượng học")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_text(self.name)
        super().save(*args, **kwargs)


class CourseIndexPage(Page):
    """The course catalogue."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("danh mục khóa học")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = (
            CoursePage.objects.child_of(self)
            .live()
            .public()
            .select_related("cover_image")
            .prefetch_related("audiences")
        )
        return context


class CoursePage(Page):
    """A course: lessons and quizzes as child pages, in the order of the page tree."""

    summary = models.TextField(_("tóm tắt"), max_length=500)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audiences = ParentalManyToManyField(
        Audience, verbose_name=_("đối tượng"), blank=True, related_name="courses"
    )
    duration_minutes = models.PositiveIntegerField(
        _("thời lượng dự kiến (phút)"), default=60
    )
    self_enrol = models.BooleanField(_("học viên tự ghi danh"), default=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("điểm đạt (%)"),
        default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    attempt_limit = models.PositiveSmallIntegerField(
        _("số lần làm bài tối đa"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu không giới hạn."),
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("thời gian làm bài (phút)"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu không giới hạn thời gian."),
    )
    show_answers_after_submit = models.BooleanField(
        _("hiện đáp án sau khi nộp bài"), default=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("duration_minutes"),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("self_enrol"),
                FieldPanel("pass_mark"),
                FieldPanel("attempt_limit"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("show_answers_after_submit"),
            ],
            heading=_("Ghi danh và bài kiểm tra"),
        ),
        *Page.settings_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]

    class Meta:
        verbose_name = _("khóa học")
        verbose_name_plural = _("khóa học")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = self.outline()
        return context

    def outline(self):
        """Lessons and quizzes in page-tree order, typed, in two queries."""
        return Page.objects.child_of(self).live().public().specific().order_by("path")


class LessonPage(Page):
    """One lesson: a short, light page a learner reads on a phone."""

    intro = models.TextField(_("mở đầu"), blank=True, max_length=500)
    body = StreamField(LessonBodyBlock(), verbose_name=_("nội dung"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("thời lượng (phút)"), default=10
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("duration_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài học")
        verbose_name_plural = _("bài học")


class QuizPage(Page):
    """A quiz; scoring happens on the server, answers never reach the browser early."""

    intro = models.TextField(_("hướng dẫn"), blank=True)
    questions = StreamField(QuizQuestionsBlock(), verbose_name=_("câu hỏi"))
    required = models.BooleanField(_("bắt buộc để hoàn thành khóa học"), default=True)
    shuffle_questions = models.BooleanField(_("xáo trộn câu hỏi"), default=False)
    shuffle_choices = models.BooleanField(_("xáo trộn phương án"), default=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("questions"),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("required"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_choices"),
            ],
            heading=_("Cách làm bài"),
        ),
        *Page.settings_panels,
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài kiểm tra")
        verbose_name_plural = _("bài kiểm tra")
