"""Learning content as Wagtail pages: course index → course → lessons and quizzes."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from people.models import Organisation
from people.text import fold, mark_keys

from ..blocks import LessonBodyBlock, QuizQuestionsBlock
from ..competence_widgets import CompetenceCheckboxes
from ..restrictions import CachedViewRestrictionsMixin
from ..review_rules import DEFAULT_ANSWERS, DEFAULT_WHICH_WRONG, When
from .naming import CleanNameMixin
from .slugs import AsciiSlugMixin


class Audience(CleanNameMixin, models.Model):
    """Who a course is for (youth-union members, one-stop staff…): an editable list."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("code"), max_length=50, unique=True)
    description = models.TextField(_("description"), blank=True)
    organisation_kind = models.CharField(
        _("for members of"),
        max_length=20,
        choices=Organisation.Kind,
        blank=True,
        help_text=_(
            "Learners belonging to a unit of this kind see these courses first. "
            "Leave empty for courses meant for everyone."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("organisation_kind"),
        FieldPanel("description"),
    ]

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CourseIndexPage(AsciiSlugMixin, Page):
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
        from courses.catalogue import catalogue

        context.update(catalogue(request, self))
        return context


class CoursePage(AsciiSlugMixin, CachedViewRestrictionsMixin, RoutablePageMixin, Page):
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
    competences = ParentalManyToManyField(
        "courses.CompetenceTag",
        verbose_name=_("competence tags"),
        blank=True,
        related_name="courses",
        help_text=_("What the course trains, from the national frameworks."),
    )
    self_enrol = models.BooleanField(_("learners may self-enrol"), default=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    # Three by default: with unlimited attempts, "correct answers after the last
    # attempt" never comes and a learner can retry until the score is luck.
    attempt_limit = models.PositiveSmallIntegerField(
        _("maximum number of attempts"),
        default=3,
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

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("duration_minutes"),
        FieldPanel("competences", widget=CompetenceCheckboxes),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("self_enrol"),
                FieldPanel("pass_mark"),
                FieldPanel("attempt_limit"),
                FieldPanel("time_limit_minutes"),
            ],
            heading=_("Enrolment and quizzes"),
        ),
        *Page.settings_panels,
    ]
    search_fields = [
        *Page.search_fields,
        # Only accent-free copies (queries are folded too): "chuyen doi so" finds
        # "Chuyển đổi số". The text as written would only double the index.
        index.SearchField("search_folded_title", boost=2),
        index.SearchField("search_folded_text"),
        index.AutocompleteField("search_folded_title"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def search_folded_title(self):
        return fold(self.title)

    def search_text(self):
        """The text search matches and quotes in snippets, besides the title."""
        return self.summary

    def search_folded_text(self):
        """The text without marks, plus keys that rank exact words first."""
        text = self.search_text()
        return f"{fold(text)} {mark_keys(f'{self.title} {text}')}"

    @path("")
    def course_home(self, request):
        from courses import views

        return views.course_page(request, self)

    @path("ghi-danh/")
    def enrol(self, request):
        from courses import views

        return views.enrol(request, self)

    @path("tiep-tuc/")
    def resume(self, request):
        from courses import views

        return views.resume(request, self)


class LessonPage(AsciiSlugMixin, CachedViewRestrictionsMixin, RoutablePageMixin, Page):
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
        # Only accent-free copies (queries are folded too): "dich vu cong" finds
        # "dịch vụ công". The text as written would only double the index.
        index.SearchField("search_folded_title", boost=2),
        index.SearchField("search_folded_text"),
        index.AutocompleteField("search_folded_title"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def search_folded_title(self):
        return fold(self.title)

    def search_text(self):
        """The text search matches and quotes in snippets, besides the title."""
        body = self.body.stream_block.get_searchable_content(self.body)
        return " ".join([self.intro, *body])

    def search_folded_text(self):
        """The text without marks, plus keys that rank exact words first."""
        text = self.search_text()
        return f"{fold(text)} {mark_keys(f'{self.title} {text}')}"

    @path("")
    def lesson_home(self, request):
        from courses import views

        return views.lesson_page(request, self)

    @path("hoan-thanh/")
    def mark_done(self, request):
        from courses import views

        return views.mark_lesson_done(request, self)


class QuizPage(AsciiSlugMixin, CachedViewRestrictionsMixin, RoutablePageMixin, Page):
    """A quiz; scoring happens on the server, answers never reach the browser early."""

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Practice (open unless a class window is closed)")
        EXAM = "exam", _("Exam (closed until a class window opens)")

    intro = models.TextField(_("instructions"), blank=True)
    questions = StreamField(QuizQuestionsBlock(), verbose_name=_("questions"))
    required = models.BooleanField(_("required to complete the course"), default=True)
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=False)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind, default=Kind.PRACTICE
    )
    # Review rules (courses.review_rules): the score is always shown.
    review_which_wrong = models.CharField(
        _("show which questions were wrong"),
        max_length=20,
        choices=When,
        default=DEFAULT_WHICH_WRONG,
        help_text=_("The learner always sees their score."),
    )
    review_answers = models.CharField(
        _("show the correct answers and explanations"),
        max_length=20,
        choices=When,
        default=DEFAULT_ANSWERS,
        help_text=_(
            "For a quiz that counts toward a certificate, keep the answers hidden "
            "until the learner has passed or used every attempt: otherwise the "
            "next attempt can be copied from the key."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("questions"),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("required"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_choices"),
                FieldPanel("review_which_wrong"),
                FieldPanel("review_answers"),
            ],
            heading=_("How the quiz works"),
        ),
        *Page.settings_panels,
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def clean(self):
        super().clean()
        from courses.papers import validate_slots

        validate_slots(self)

    @path("")
    def quiz_home(self, request):
        from courses import quiz_views

        return quiz_views.overview(request, self)

    @path("bat-dau/")
    def start(self, request):
        from courses import quiz_views

        return quiz_views.start(request, self)

    @path("lan/<int:attempt_id>/")
    def attempt(self, request, attempt_id):
        from courses import quiz_views

        return quiz_views.take(request, self, attempt_id)

    @path("lan/<int:attempt_id>/nop/")
    def submit(self, request, attempt_id):
        from courses import quiz_views

        return quiz_views.submit(request, self, attempt_id)

    @path("lan/<int:attempt_id>/ket-qua/")
    def result(self, request, attempt_id):
        from courses import quiz_views

        return quiz_views.result(request, self, attempt_id)
