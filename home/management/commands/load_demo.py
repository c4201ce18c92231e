"""``manage.py load_demo``: Vietnamese demo content, safe to run again and again."""

from django.core.management.base import BaseCommand, CommandError

from home.demo import loader

SUMMARY_LABELS = [
    ("audiences", "đối tượng học"),
    ("organisations", "đơn vị"),
    ("classes", "lớp"),
    ("users", "tài khoản"),
    ("memberships", "thành viên đơn vị/lớp"),
    ("pages", "trang"),
    ("settings", "cài đặt cổng"),
]


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu tiếng Việt: đối tượng học, cây đơn vị, lớp, tài khoản mẫu, "
        "khóa học, bài học, bài kiểm tra và cài đặt cổng. Chạy lại không tạo trùng."
    )

    def handle(self, *args, **options):
        try:
            counts = loader.load_demo()
        except ValueError as error:
            raise CommandError(str(error)) from error

        made = [
            f"{counts[key]} {label}" for key, label in SUMMARY_LABELS if counts[key]
        ]
        if made:
            self.stdout.write(
                self.style.SUCCESS("Đã nạp dữ liệu mẫu: " + ", ".join(made) + ".")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS("Dữ liệu mẫu đã có đủ, không thay đổi gì.")
            )

        rows = [("Tên đăng nhập", "Vai trò", "Mật khẩu"), *loader.demo_accounts()]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        self.stdout.write("")
        self.stdout.write("Tài khoản mẫu:")
        for number, row in enumerate(rows):
            self.stdout.write(
                "  "
                + "  ".join(
                    cell.ljust(widths[i]) for i, cell in enumerate(row)
                ).rstrip()
            )
            if number == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
