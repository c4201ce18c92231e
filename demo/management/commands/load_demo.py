"""``manage.py load_demo``: Vietnamese demo content, safe to run again and again."""

import logging
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from certificates.credentials import badge, keys
from demo import activity, loader, programmes

SUMMARY_LABELS = [
    ("audiences", "đối tượng học"),
    ("organisations", "đơn vị"),
    ("classes", "lớp"),
    ("users", "tài khoản"),
    ("memberships", "thành viên đơn vị/lớp"),
    ("populations", "số người cần tập huấn (dân số mục tiêu)"),
    ("pages", "trang"),
    ("programmes", "chương trình học"),
    ("questions", "câu hỏi trong ngân hàng đề thi"),
    ("exams", "bài thi mở cho lớp 10A1"),
    ("settings", "cài đặt cổng"),
    ("workflow_names", "tên quy trình duyệt đặt lại bằng tiếng Việt"),
    ("ascii_slugs", "đường dẫn trang đổi sang chữ không dấu"),
    ("enrolments", "lượt ghi danh mẫu (lớp 10A2)"),
    ("programme_completions", "học viên mẫu hoàn thành chương trình một cửa"),
    ("signing_key", "khóa ký chứng chỉ số"),
    ("credentials", "chứng chỉ số Open Badges ký cho giấy chứng nhận đã cấp"),
]

# Each page published logs a few INFO lines (page log, search index, reference index).
CHATTY_LOGGERS = ("wagtail", "django_tasks", "celery")


@contextmanager
def quiet_loggers(names, level=logging.WARNING):
    loggers = [logging.getLogger(name) for name in names]
    before = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(level, logger.getEffectiveLevel()))
    try:
        yield
    finally:
        for logger, old in zip(loggers, before, strict=True):
            logger.setLevel(old)


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu tiếng Việt: đối tượng học, cây đơn vị, lớp, tài khoản mẫu, "
        "khóa học, bài học, bài kiểm tra và cài đặt cổng. Chạy lại không tạo trùng, "
        "không ghi đè."
    )

    def handle(self, *args, verbosity=1, **options):
        names = CHATTY_LOGGERS if verbosity < 2 else ()
        try:
            with quiet_loggers(names):
                counts = loader.load_demo()
                # After the content's transaction: completions issue certificates
                # once committed.
                counts["enrolments"] = activity.load_activity()
                counts["programme_completions"] = programmes.load_programme_activity()
                # The demo's certificates come with a downloadable credential:
                # a signing key, and credentials for any issued before one existed.
                counts["signing_key"] = int(keys.make_key()[1])
                counts["credentials"] = badge.sign_missing()
        except (ValueError, ValidationError) as error:
            raise CommandError(f"Không nạp được dữ liệu mẫu: {error}") from error

        made = [
            f"{counts[key]} {label}" for key, label in SUMMARY_LABELS if counts[key]
        ]
        if made:
            message = "Đã nạp dữ liệu mẫu: " + ", ".join(made) + "."
        else:
            message = "Dữ liệu mẫu đã có đủ, không thay đổi gì."
        self.stdout.write(self.style.SUCCESS(message))
        self.write_accounts(loader.demo_accounts())

    def write_accounts(self, accounts):
        rows = [("Tên đăng nhập", "Vai trò", "Mật khẩu"), *accounts]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        self.stdout.write("\nTài khoản mẫu:")
        for number, row in enumerate(rows):
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("  " + "  ".join(cells).rstrip())
            if number == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
