"""The roster file of the roster import benchmark: a school's .xlsx export of
``ROWS`` made-up grade-10 students in nine classes (fixed seed: every run reads the
same rows)."""

import random
from datetime import date, timedelta

ROWS = 1000
CLASSES = [f"10A{n}" for n in range(1, 10)]

FAMILY = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô",
    "Dương", "Lý", "Nông", "Ma", "Triệu", "Hà", "Lục", "Bế", "Đàm", "Lương",
    "Hứa", "Mã", "Chu", "La", "Đinh",
]  # fmt: skip
MIDDLE_FEMALE = ["Thị", "Thị Thu", "Thị Ngọc", "Thu", "Ngọc", "Phương", "Thùy", "Mỹ"]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quốc", "Tiến", "Quang", "Gia", "Hữu", "Xuân"]
GIVEN_FEMALE = [
    "Anh", "Ánh", "Chi", "Duyên", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Huệ",
    "Lan", "Linh", "Ly", "Mai", "My", "Ngân", "Nhung", "Quỳnh", "Thảo", "Trang",
    "Tuyết", "Vân", "Xuân", "Yến",
]  # fmt: skip
GIVEN_MALE = [
    "An", "Bảo", "Cường", "Dũng", "Đức", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy",
    "Khánh", "Kiên", "Long", "Lực", "Nam", "Phong", "Phúc", "Quân", "Sơn", "Thắng",
    "Toàn", "Tuấn", "Việt", "Vũ",
]  # fmt: skip


def write_roster(path, seed, school_year="2026-2027", code_prefix="26"):
    """A school's export: title rows, a header, ``ROWS`` students in nine classes."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    start = int(school_year[:4]) - 15  # grade 10: born 15 years before
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    sheet.append(["SỞ GIÁO DỤC VÀ ĐÀO TẠO - TRƯỜNG THPT BẮC KẠN"])
    sheet.append([f"DANH SÁCH HỌC SINH KHỐI 10 NĂM HỌC {school_year}"])
    sheet.append([])
    sheet.append(
        [
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Mã học sinh",
            "Số định danh cá nhân",
            "Lớp",
        ]
    )
    serials = rng.sample(range(1_000_000), ROWS)
    for number in range(ROWS):
        female = rng.random() < 0.5
        middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
        given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        name = f"{rng.choice(FAMILY)} {middle} {given}"
        born = date(start, 1, 1) + timedelta(days=rng.randrange(365))
        # Personal ID: province 006 (Bắc Kạn), century+gender, year, serial.
        citizen_id = f"006{3 if female else 2}{born:%y}{serials[number]:06d}"
        sheet.append(
            [
                number + 1,
                name,
                born.strftime("%d/%m/%Y"),
                "Nữ" if female else "Nam",
                f"{code_prefix}{seed % 100:02d}{number + 1:06d}",
                citizen_id,
                CLASSES[number * len(CLASSES) // ROWS],
            ]
        )
    workbook.save(path)
    return path
