"""Lesson blocks render light: responsive WebP images, click-to-load videos."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from courses.models import Enrolment, LessonPage
from courses.video import embed_url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make_image():
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (200, 30, 30)).save(buffer, "PNG")
    return Image.objects.create(
        title="Ảnh minh họa", file=ImageFile(buffer, name="minh-hoa.png")
    )


@pytest.fixture
def lesson_client(client, course):
    user = UserFactory()
    Enrolment.objects.create(user=user, course=course)
    client.force_login(user)
    return client


def test_image_block_is_responsive_webp_and_lazy(lesson_client, course):
    lesson = LessonPage.objects.child_of(course).first()
    lesson.body = [
        ("text", RichText("<p>Mở đầu</p>")),
        (
            "image",
            {"image": make_image(), "alt_text": "Màn hình VNeID", "caption": "Hình 1"},
        ),
    ]
    lesson.save_revision().publish()
    html = lesson_client.get(lesson.url).text
    assert "<picture>" in html
    assert 'type="image/webp"' in html
    assert ".webp 360w" in html and ".webp 720w" in html
    assert 'loading="lazy"' in html
    assert 'alt="Màn hình VNeID"' in html
    assert "<figcaption>Hình 1</figcaption>" in html


def test_video_loads_nothing_until_asked(lesson_client, course):
    lesson = LessonPage.objects.child_of(course).first()
    lesson.body = [
        (
            "video",
            {
                "video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "title": "Kích hoạt VNeID",
                "duration": "3:20",
            },
        )
    ]
    lesson.save_revision().publish()
    html = lesson_client.get(lesson.url).text
    assert "<iframe" not in html
    assert 'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ' in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html  # no-JS path


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=3", "embed/dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/123456", "player.vimeo.com/video/123456"),
        ("https://example.com/video.mp4", None),
        ("https://www.youtube.com/watch?v=<script>", None),
        ("not a url", None),
    ],
)
def test_embed_url(url, expected):
    result = embed_url(url)
    if expected is None:
        assert result is None
    else:
        assert expected in result
