"""The demo exam: a course whose exam draws 10 questions at random for each attempt
from a bank of questions on online public services and digital safety
(``exam_questions``).
"""

from .courses import text, tip
from .exam_questions import PRIVACY, QUESTIONS

__all__ = ["BANK_DESCRIPTION", "BANK_NAME", "DRAW_COUNT", "PRIVACY", "QUESTIONS"]

BANK_NAME = "Ngân hàng đề thi: Dịch vụ công trực tuyến và an toàn số"
BANK_DESCRIPTION = (
    "Câu hỏi cho kỳ thi mẫu: Cổng Dịch vụ công quốc gia, VNeID, thanh toán trực "
    "tuyến, an toàn số, lừa đảo, dữ liệu cá nhân và sử dụng trí tuệ nhân tạo. Mỗi "
    "lần thi rút ngẫu nhiên 10 câu."
)
DRAW_COUNT = 10

# The demo course that holds the exam: a short guide, then the exam.
EXAM_COURSE = {
    "slug": "thi-ky-nang-so-dich-vu-cong",
    "title": "Thi kỹ năng số: dịch vụ công trực tuyến và an toàn số",
    "summary": (
        "Bài thi cuối đợt tập huấn: mỗi lần làm bài, hệ thống rút ngẫu nhiên 10 câu "
        "từ ngân hàng đề về Cổng Dịch vụ công quốc gia, VNeID, thanh toán trực "
        "tuyến, lừa đảo, dữ liệu cá nhân và trí tuệ nhân tạo."
    ),
    "audiences": ["doan-vien", "moi-nguoi"],
    "duration_minutes": 30,
    "attempt_limit": 3,
    "time_limit_minutes": 20,
    "lessons": [
        {
            "slug": "huong-dan-lam-bai-thi",
            "title": "Hướng dẫn làm bài thi",
            "intro": "Đọc kỹ trước khi bắt đầu: đề của mỗi người, mỗi lần một khác.",
            "duration_minutes": 5,
            "body": [
                text(
                    "<p>Mỗi lần bạn bắt đầu làm bài, hệ thống rút ngẫu nhiên 10 câu "
                    "hỏi từ ngân hàng đề và xáo trộn thứ tự các lựa chọn. Vì vậy đề "
                    "của bạn khác đề của bạn bên cạnh, và lần làm lại cũng khác lần "
                    "trước.</p>"
                    "<ul>"
                    "<li>Thời gian làm bài: 20 phút.</li>"
                    "<li>Được làm tối đa 3 lần; cần đạt từ 70% trở lên.</li>"
                    "<li>Câu trả lời được lưu tự động khi bạn chọn.</li>"
                    "</ul>"
                ),
                tip(
                    "Ôn lại các khóa <b>Công dân số an toàn</b> và <b>Tình nguyện "
                    "viên hỗ trợ người dân dùng dịch vụ công trực tuyến</b> trước "
                    "khi thi."
                ),
            ],
        }
    ],
    "quiz": {
        "slug": "bai-thi",
        "title": "Bài thi: Dịch vụ công trực tuyến và an toàn số",
        "intro": (
            "Đề gồm 10 câu rút ngẫu nhiên từ ngân hàng đề, thứ tự lựa chọn được xáo "
            "trộn. Bạn cần đạt từ 70% số điểm trở lên."
        ),
    },
}
