"""Question banks: reusable, versioned questions that quizzes fix or draw at random.

A question is edited in the Wagtail admin like any snippet (with revision history);
what the quiz engine cares about is ``version``, raised whenever what a learner sees
or how it is scored changes. Attempts keep their own frozen copy (the snapshot), so
an edit never rewrites a past result; item analysis tells versions apart.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import RevisionMixin
from wagtail.search import index

from people.text import clean_text

from ..blocks import ChoiceBlock
from ..competence_widgets import CompetenceCheckboxes
from .naming import CleanNameMixin


class CompetenceTag(models.Model):
    """One entry of a national digital-skills framework (a domain or a competence).

    The lists ship as data (courses/data/); editors pick from them, never type them.
    """

    class Framework(models.TextChoices):
        CITIZEN = "qd757", _("Basic digital skills for citizens (757/QĐ-BKHCN)")
        LEARNER = "tt02", _("Digital competence of learners (02/2025/TT-BGDĐT)")

    framework = models.CharField(_("framework"), max_length=10, choices=Framework)
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("domain"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("competence tag")
        verbose_name_plural = _("competence tags")
        ordering = ["framework", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="courses_competencetag_code_once"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    # The instrument's number, short enough for a label; not translated.
    SHORT_NAMES = {"qd757": "757/QĐ-BKHCN", "tt02": "02/2025/TT-BGDĐT"}

    @property
    def framework_short(self):
        return self.SHORT_NAMES.get(self.framework, self.framework)

    @property
    def key(self):
        """Unique across frameworks ("tt02:1.1"); codes alone repeat between them."""
        return f"{self.framework}:{self.code}"


class QuestionBank(CleanNameMixin, index.Indexed, models.Model):
    """A named pool of questions (a topic, a course, an exam)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    panels = [FieldPanel("name"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")
        ordering = ["name"]

    def __str__(self):
        return self.name


class QuestionQuerySet(models.QuerySet):
    def in_use(self):
        return self.filter(in_use=True)


class Question(RevisionMixin, index.Indexed, ClusterableModel):
    """A question in a bank; choices are ordered, each marked correct or not."""

    class Kind(models.TextChoices):
        SINGLE = "single_choice", _("Single correct answer")
        MULTIPLE = "multiple_choice", _("Several correct answers")
        TRUE_FALSE = "true_false", _("True/False")

    bank = models.ForeignKey(
        QuestionBank,
        verbose_name=_("question bank"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    kind = models.CharField(
        _("question type"), max_length=20, choices=Kind, default=Kind.SINGLE
    )
    text = models.TextField(_("question"))
    choices = StreamField(
        [("choice", ChoiceBlock())],
        verbose_name=_("choices"),
        blank=True,
        help_text=_("For single and several correct answers; not for true/false."),
    )
    answer = models.BooleanField(
        _("this statement is true"),
        default=False,
        help_text=_("For true/false questions only."),
    )
    explanation = models.TextField(
        _("explanation (shown after submission)"), blank=True
    )
    tags = ParentalManyToManyField(
        CompetenceTag,
        verbose_name=_("competence tags"),
        blank=True,
        related_name="questions",
    )
    in_use = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("A retired question is no longer drawn; past results keep it."),
    )
    # Raised on every save that changes what a learner sees or how it is scored.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = QuestionQuerySet.as_manager()

    panels = [
        FieldPanel("bank"),
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("choices"),
        FieldPanel("answer"),
        FieldPanel("explanation"),
        MultiFieldPanel(
            [
                FieldPanel("tags", widget=CompetenceCheckboxes),
                FieldPanel("in_use"),
            ],
            heading=_("Use"),
        ),
    ]
    search_fields = [index.SearchField("text"), index.AutocompleteField("text")]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["bank", "pk"]
        indexes = [models.Index(fields=["bank", "in_use"])]

    def __str__(self):
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else text[:79] + "…"

    def choice_list(self):
        """[{"text", "correct"}] in the editor's order; [] for true/false."""
        if self.kind == self.Kind.TRUE_FALSE:
            return []
        return [
            {"text": clean_text(c.value["text"]), "correct": bool(c.value["correct"])}
            for c in self.choices
        ]

    def content(self):
        """What a learner is served and how it is scored: versions compare this."""
        return {
            "type": self.kind,
            "text": self.text,
            "choices": self.choice_list(),
            "answer": self.answer if self.kind == self.Kind.TRUE_FALSE else None,
            "explanation": self.explanation,
        }

    def clean(self):
        super().clean()
        self.text = (self.text or "").strip()
        if not self.text:
            raise ValidationError({"text": _("Write the question.")})
        if self.kind == self.Kind.TRUE_FALSE:
            return
        choices = self.choice_list()
        correct = sum(c["correct"] for c in choices)
        if len(choices) < 2:
            raise ValidationError({"choices": _("Give at least two choices.")})
        if any(not c["text"] for c in choices):
            raise ValidationError({"choices": _("A choice has no text.")})
        if self.kind == self.Kind.SINGLE and correct != 1:
            raise ValidationError(
                {"choices": _("Exactly one choice must be marked correct.")}
            )
        if self.kind == self.Kind.MULTIPLE and not correct:
            raise ValidationError(
                {"choices": _("At least one choice must be marked correct.")}
            )

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = Question.objects.filter(pk=self.pk).first()
            if stored is not None and stored.content() != self.content():
                self.version = stored.version + 1
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)
