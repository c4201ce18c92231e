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

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("code"), max_length=50, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audience")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_text(self.name)
        super().save(*args, **kwargs)


class CourseIndexPage(Page):
    """The course catalogue."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalogue")

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

    summary = models.TextField(_("summary"), max_length=500)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audiences = ParentalManyToManyField(
        Audience, verbose_name=_("audiences"), blank=True, related_name="courses"
    )
    duration_minutes = models.PositiveIntegerField(
        _("estimated duration (minutes)"), default=60
    )
    self_enrol = models.BooleanField(_("learners may self-enrol"), default=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    attempt_limit = models.PositiveSmallIntegerField(
        _("maximum number of attempts"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no time limit."),
    )
    show_answers_after_submit = models.BooleanField(
        _("show correct answers after submission"), default=True
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
            heading=_("Enrolment and quizzes"),
        ),
        *Page.settings_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("course")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = self.outline()
        return context

    def outline(self):
        """Lessons and quizzes in page-tree order, typed, in two queries."""
        return Page.objects.child_of(self).live().public().specific().order_by("path")


class LessonPage(Page):
    """One lesson: a short, light page a learner reads on a phone."""

    intro = models.TextField(_("opening"), blank=True, max_length=500)
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=10
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
        verbose_name = _("lesson")
        verbose_name_plural = _("lesson")


class QuizPage(Page):
    """A quiz; scoring happens on the server, answers never reach the browser early."""

    intro = models.TextField(_("instructions"), blank=True)
    questions = StreamField(QuizQuestionsBlock(), verbose_name=_("questions"))
    required = models.BooleanField(_("required to complete the course"), default=True)
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=False)

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
            heading=_("How the quiz works"),
        ),
        *Page.settings_panels,
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quiz")
