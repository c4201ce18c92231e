"""What the roster reader tests share: the files in tests/data/, the made-up students
they list, and short ways to read a file and to look at its problems."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

from people.rosters.messages import RosterFileError
from people.rosters.reader import RosterRow, read_roster
from tests.data.roster_writing import STUDENTS

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = date(2026, 9, 5)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def read(name):
    with open(DATA / name, "rb") as handle:
        return read_roster(handle, name)


def read_bytes(data, filename="lop.csv"):
    return read_roster(io.BytesIO(data), filename)


def refusal(name_or_bytes, filename="lop.csv"):
    with pytest.raises(RosterFileError) as caught:
        if isinstance(name_or_bytes, bytes):
            read_bytes(name_or_bytes, filename)
        else:
            read(name_or_bytes)
    return str(caught.value.message)


def problems(parsed):
    return [(p.row_number, p.column) for p in parsed.problems]


def message_of(parsed, row_number):
    return " ".join(
        str(p.message) for p in parsed.problems if p.row_number == row_number
    )


def expected_row(index, row_number, class_name="", **overrides):
    name, born, gender, code, cid = STUDENTS[index]
    values = {
        "row_number": row_number,
        "full_name": name,
        "date_of_birth": born,
        "gender": {"Nữ": "F", "Nam": "M"}[gender],
        "student_code": code,
        "citizen_id": cid,
        "class_name": class_name,
        "email": "",
        "phone": "",
    }
    values.update(overrides)
    return RosterRow(**values)
