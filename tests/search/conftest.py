"""A small catalogue to search: two courses for two audiences, and lessons whose words
collide once their marks are gone ("Đoàn" and "đoán"), plus a draft, a private lesson,
a lesson with an unpublished draft and a quiz that must never be found."""

from types import SimpleNamespace

import pytest
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from courses.models import Audience, CourseIndexPage, QuizPage
from tests.search.content import course_page, lesson


@pytest.fixture
def catalogue(home_page):
    youth = Audience.objects.create(name="Đoàn viên", slug="doan-vien")
    staff = Audience.objects.create(name="Cán bộ một cửa", slug="can-bo-mot-cua")
    index = home_page.add_child(
        instance=CourseIndexPage(title="Khóa học", slug="khoa-hoc")
    )
    digital = course_page(
        index,
        "Chuyển đổi số cho đoàn viên",
        "chuyen-doi-so",
        "Những điều cơ bản về chuyển đổi số trong trường học.",
        [youth],
    )
    services = course_page(
        index,
        "Dịch vụ công trực tuyến",
        "dich-vu-cong",
        "Hướng dẫn người dân nộp hồ sơ trên Cổng Dịch vụ công.",
        [staff],
    )
    union = lesson(
        digital,
        "Đoàn viên đi đầu",
        "doan-vien-di-dau",
        "Mỗi đoàn viên giúp gia đình dùng ứng dụng số.",
        intro="Vai trò của Đoàn thanh niên trong chuyển đổi số.",
    )
    guess = lesson(
        digital,
        "Dự đoán rủi ro trên mạng",
        "du-doan-rui-ro",
        "Học cách đoán trước các chiêu lừa đảo.",
    )
    unaccented = lesson(
        digital,
        "Ghi chép nhanh",
        "ghi-chep-nhanh",
        "Tai lieu chuyen doi so viet khong dau cho dien thoai cu.",
    )
    filing = lesson(
        services,
        "Nộp hồ sơ qua dịch vụ công",
        "nop-ho-so",
        "Đăng nhập Cổng Dịch vụ công bằng tài khoản VNeID rồi chọn thủ tục.",
    )
    draft = lesson(
        services,
        "Bản nháp dịch vụ công",
        "ban-nhap",
        "Nội dung nháp về dịch vụ công và bí mật nháp.",
        live=False,
    )
    private = lesson(
        services,
        "Bài riêng dịch vụ công",
        "bai-rieng",
        "Chỉ người có mật khẩu mới đọc được phần dịch vụ công này.",
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    # A live lesson whose unpublished draft mentions a secret word.
    filing.body = [("text", RichText("<p>Từ khóa chưa xuất bản: chimcanhcut.</p>"))]
    filing.save_revision()
    quiz = services.add_child(
        instance=QuizPage(title="Kiểm tra dịch vụ công", slug="kiem-tra", questions=[])
    )
    return SimpleNamespace(
        youth=youth,
        staff=staff,
        digital=digital,
        services=services,
        union=union,
        guess=guess,
        unaccented=unaccented,
        filing=filing,
        draft=draft,
        private=private,
        quiz=quiz,
    )
