"""Files too large to commit, which the tests build in a temporary folder: many rows,
zip bombs, a workbook lying about its sizes."""

import io
import struct
import zipfile
from pathlib import Path

from tests.data.roster_good_files import excel_dates
from tests.data.roster_writing import FIXED_TIME, csv_text


def many_rows_csv(count):
    """A valid class list of ``count`` students."""
    families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Ma", "Nông", "Triệu"]
    middles = ["Văn", "Thị", "Đức", "Ngọc", "Thu", "Quang", "Minh"]
    givens = ["An", "Bình", "Chi", "Dũng", "Hà", "Khánh", "Lan", "Nghĩa", "Yến"]
    rows = [["Họ và tên", "Ngày sinh", "Mã học sinh", "Lớp"]]
    for number in range(1, count + 1):
        name = " ".join((families[number % 8], middles[number % 7], givens[number % 9]))
        rows.append([name, "05/09/2010", f"HS{number:06d}", "10C"])
    return csv_text(rows).encode("utf-8")


def zip_bomb(path, megabytes):
    """An .xlsx-looking zip whose sheet unpacks to ``megabytes`` MB of spaces."""
    block = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(megabytes):
                sheet.write(block)
    return path


def lying_zip_bomb(path, megabytes):
    """A real workbook whose sheet unpacks to ``megabytes`` MB but claims to be
    small: the sizes in its zip headers are patched to lie."""
    source = zipfile.ZipFile(io.BytesIO(excel_dates()))
    sheet_name = "xl/worksheets/sheet1.xml"
    sheet = source.read(sheet_name)
    root_end = sheet.index(b">", sheet.index(b"<worksheet")) + 1
    padded = sheet[:root_end] + b" " * (megabytes << 20) + sheet[root_end:]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = padded if info.filename == sheet_name else source.read(info)
            entry = zipfile.ZipInfo(info.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    data = bytearray(buffer.getvalue())
    claimed = struct.pack("<I", len(sheet))
    name = sheet_name.encode()
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        name_at = 30 if signature == b"PK\x03\x04" else 46
        start = data.find(signature)
        while start != -1:
            if data[start + name_at : start + name_at + len(name)] == name:
                data[start + size_at : start + size_at + 4] = claimed
            start = data.find(signature, start + 4)
    Path(path).write_bytes(bytes(data))
    return path
