"""StreamField blocks for lessons and quizzes."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    alt_text = blocks.CharBlock(
        label=_("Mô tả ảnh (cho người khiếm thị)"), required=False, max_length=255
    )
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "courses/blocks/image_block.html"


class VideoBlock(blocks.StructBlock):
    """A video that costs nothing until the learner asks for it (slow networks)."""

    video = EmbedBlock(label=_("Địa chỉ video (YouTube…)"))
    title = blocks.CharBlock(label=_("Tiêu đề video"), max_length=255)
    duration = blocks.CharBlock(label=_("Thời lượng, ví dụ 3:20"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(label=_("Tên hiển thị"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu tải về")
        template = "courses/blocks/document_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Loại"),
        choices=[("tip", _("Mẹo")), ("warning", _("Cảnh báo")), ("note", _("Ghi nhớ"))],
        default="tip",
    )
    text = blocks.RichTextBlock(
        label=_("Nội dung"), features=["bold", "italic", "link"]
    )

    class Meta:
        icon = "help"
        label = _("Hộp lưu ý")
        template = "courses/blocks/callout_block.html"


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tiêu đề"), required=False)
    steps = blocks.ListBlock(
        blocks.RichTextBlock(features=["bold", "italic", "link"]), label=_("Các bước")
    )

    class Meta:
        icon = "list-ol"
        label = _("Hướng dẫn từng bước")
        template = "courses/blocks/steps_block.html"


class LessonBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Văn bản"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
    )
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    steps = StepsBlock()


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Phương án"), max_length=500)
    correct = blocks.BooleanBlock(label=_("Đúng"), required=False)

    class Meta:
        icon = "tick"
        label = _("Phương án")


class BaseQuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Câu hỏi"))
    explanation = blocks.TextBlock(
        label=_("Giải thích (hiện sau khi nộp bài)"), required=False
    )


class SingleChoiceQuestionBlock(BaseQuestionBlock):
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Các phương án"), min_num=2)

    class Meta:
        icon = "radio-full"
        label = _("Một đáp án đúng")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        if correct != 1:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "choices": ValidationError(
                        _("Cần đúng một phương án được đánh dấu đúng.")
                    )
                }
            )
        return value


class MultipleChoiceQuestionBlock(BaseQuestionBlock):
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Các phương án"), min_num=2)

    class Meta:
        icon = "list-ul"
        label = _("Nhiều đáp án đúng")

    def clean(self, value):
        value = super().clean(value)
        if not any(choice["correct"] for choice in value["choices"]):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "choices": ValidationError(
                        _("Cần ít nhất một phương án được đánh dấu đúng.")
                    )
                }
            )
        return value


class TrueFalseQuestionBlock(BaseQuestionBlock):
    answer = blocks.BooleanBlock(label=_("Nhận định này đúng"), required=False)

    class Meta:
        icon = "help"
        label = _("Đúng/Sai")


class QuizQuestionsBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
