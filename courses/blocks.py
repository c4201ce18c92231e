"""StreamField blocks for lessons and quizzes."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .video import embed_url


def validate_video_url(value):
    if embed_url(value) is None:
        raise ValidationError(_("Use a YouTube or Vimeo link."))


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Image description (for screen readers)"),
        required=False,
        max_length=255,
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image_block.html"


class VideoBlock(blocks.StructBlock):
    """A video that costs nothing until the learner asks for it (slow networks)."""

    video = blocks.URLBlock(
        label=_("Video address (YouTube…)"),
        help_text=_("A YouTube or Vimeo link."),
        validators=[validate_video_url],
    )
    title = blocks.CharBlock(label=_("Video title"), max_length=255)
    duration = blocks.CharBlock(label=_("Duration, e.g. 3:20"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = embed_url(value["video"])
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Display name"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Downloadable document")
        template = "courses/blocks/document_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("tip", _("Tip")), ("warning", _("Warning")), ("note", _("Remember"))],
        default="tip",
    )
    text = blocks.RichTextBlock(label=_("Content"), features=["bold", "italic", "link"])

    class Meta:
        icon = "help"
        label = _("Callout box")
        template = "courses/blocks/callout_block.html"


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    steps = blocks.ListBlock(
        blocks.RichTextBlock(features=["bold", "italic", "link"]), label=_("Steps")
    )

    class Meta:
        icon = "list-ol"
        label = _("Step-by-step instructions")
        template = "courses/blocks/steps_block.html"


class LessonBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
    )
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    steps = StepsBlock()


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Choice"), max_length=500)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)

    class Meta:
        icon = "tick"
        label = _("Choice")


class BaseQuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    explanation = blocks.TextBlock(
        label=_("Explanation (shown after submission)"), required=False
    )


class SingleChoiceQuestionBlock(BaseQuestionBlock):
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Choices"), min_num=2)

    class Meta:
        icon = "radio-full"
        label = _("Single correct answer")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        if correct != 1:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "choices": ValidationError(
                        _("Exactly one choice must be marked correct.")
                    )
                }
            )
        return value


class MultipleChoiceQuestionBlock(BaseQuestionBlock):
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Choices"), min_num=2)

    class Meta:
        icon = "list-ul"
        label = _("Several correct answers")

    def clean(self, value):
        value = super().clean(value)
        if not any(choice["correct"] for choice in value["choices"]):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "choices": ValidationError(
                        _("At least one choice must be marked correct.")
                    )
                }
            )
        return value


class TrueFalseQuestionBlock(BaseQuestionBlock):
    answer = blocks.BooleanBlock(label=_("This statement is true"), required=False)

    class Meta:
        icon = "help"
        label = _("True/False")


class BankQuestionBlock(SnippetChooserBlock):
    """A slot holding one fixed question from a bank (its current version)."""

    def __init__(self, **kwargs):
        super().__init__("courses.Question", **kwargs)

    class Meta:
        icon = "snippet"
        label = _("A question from a bank")


class DrawBlock(blocks.StructBlock):
    """A slot that draws ``count`` questions at random from a bank for each attempt,
    optionally only those with a competence tag."""

    bank = SnippetChooserBlock("courses.QuestionBank", label=_("Question bank"))
    count = blocks.IntegerBlock(label=_("Number of questions"), min_value=1)
    tag = SnippetChooserBlock(
        "courses.CompetenceTag", label=_("Only with competence tag"), required=False
    )

    class Meta:
        icon = "pick"
        label = _("Questions drawn at random from a bank")


class QuizQuestionsBlock(blocks.StreamBlock):
    """A quiz is a list of slots: a question written here, a fixed bank question, or
    a random draw from a bank."""

    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    bank_question = BankQuestionBlock()
    draw = DrawBlock()
