"""Official unit codes (Decision 19/2025/QĐ-TTg), merge/split events, schools under
the body that manages them, and import_organisations reading the State's list."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import ProtectedError

from people.models import Organisation, UnitEvent
from people.unit_events import EventRefused, record_event, successors_of
from tests.factories import OrganisationFactory
from tests.people.conftest import DATA

pytestmark = pytest.mark.django_db


def _unit(parent=None, **fields):
    if parent is not None:
        parent = Organisation.objects.get(pk=parent.pk)
    return OrganisationFactory(parent=parent, **fields)


def _tree():
    """{portal code: (official code, parent's official code, name, kind)}."""
    return {
        o.code: (
            o.official_code,
            o.get_parent().official_code if o.depth > 1 else None,
            o.name,
            o.kind,
        )
        for o in Organisation.objects.all()
    }


def _import(*names, events=None):
    out = StringIO()
    args = [str(DATA / n) for n in names]
    if events:
        args += ["--events", str(DATA / events)]
    call_command("import_organisations", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    "kind, code, ok",
    [
        ("province", "19", True),
        ("province", "019", False),
        ("commune", "01843", True),
        ("commune", "1843", False),
        ("commune", "0184X", False),
        ("school", "01843", False),  # schools have no official code
        ("school", "", True),
    ],
)
def test_official_code_by_kind(kind, code, ok):
    unit = Organisation(code="u", name="Đơn vị", kind=kind, official_code=code)
    if ok:
        unit.full_clean(exclude=["path", "depth"])
    else:
        with pytest.raises(ValidationError) as error:
            unit.full_clean(exclude=["path", "depth"])
        assert "official_code" in error.value.message_dict


def test_official_code_is_never_changed_reused_or_freed():
    province = _unit(code="19", kind="province", official_code="19")
    old = _unit(province, kind="commune", official_code="01846")
    record_event(
        UnitEvent.Kind.MERGE,
        date(2025, 7, 1),
        [old],
        [_unit(province, kind="commune", official_code="01843")],
    )
    old.refresh_from_db()
    assert old.official_code == "01846" and old.active_until == date(2025, 6, 30)
    newcomer = Organisation(code="new", name="Xã Mới", kind="commune")
    newcomer.official_code = "01846"  # the retired unit's code
    with pytest.raises(ValidationError) as error:
        newcomer.full_clean(exclude=["path", "depth"])
    assert "official_code" in error.value.message_dict
    old.official_code = "01847"
    with pytest.raises(ValidationError, match="01846"):
        old.full_clean(exclude=["path", "depth"])
    with pytest.raises(ProtectedError), transaction.atomic():
        Organisation.objects.get(pk=old.pk).delete()
    assert Organisation.objects.filter(official_code="01846").exists()


def test_events_are_checked():
    province = _unit(kind="province")
    a, b, c = (_unit(province, kind="commune") for _ in range(3))
    for kind, old, new in (
        (UnitEvent.Kind.MERGE, [a], [b, c]),  # a merge has one successor
        (UnitEvent.Kind.SPLIT, [a], [b]),  # a split has two or more
        (UnitEvent.Kind.MERGE, [a], [a]),
    ):
        with pytest.raises(EventRefused):
            record_event(kind, date(2025, 7, 1), old, new)
    assert not UnitEvent.objects.exists()
    record_event(UnitEvent.Kind.SPLIT, date(2025, 7, 1), [a], [b, c])
    with pytest.raises(EventRefused, match="đã kết thúc"):
        record_event(UnitEvent.Kind.MERGE, date(2025, 8, 1), [a], [b])
    assert {u.pk for u in successors_of(a)} == {b.pk, c.pk}


def test_import_official_list_is_idempotent():
    output = _import("units_official_2025.csv")
    assert "Đã tạo 6 đơn vị, cập nhật 0 đơn vị." in output
    tree = _tree()
    assert tree["19"] == ("19", None, "Tỉnh Thái Nguyên", "province")
    assert tree["01843"] == ("01843", "19", "Phường Đức Xuân", "commune")
    assert tree["01273"] == ("01273", "04", "Phường Thục Phán", "commune")
    assert "Đã tạo 0 đơn vị, cập nhật 0 đơn vị." in _import("units_official_2025.csv")
    assert _tree() == tree


def test_import_official_list_matches_existing_units_by_official_code():
    province = _unit(code="19", kind="province", official_code="19", name="Tỉnh TN")
    _unit(province, code="19-X01", kind="commune", official_code="01843")
    _import("units_official_2025.csv")
    tree = _tree()
    assert tree["19-X01"] == ("01843", "19", "Phường Đức Xuân", "commune")
    assert tree["19"][2] == "Tỉnh Thái Nguyên"
    assert "01843" not in tree  # no second unit for the same code


def test_broken_official_list_changes_nothing():
    _import("units_official_2025.csv")
    before = _tree()
    with pytest.raises(CommandError) as error:
        _import("broken_units_official_2025.csv")
    message = str(error.value)
    assert message.startswith("Không nhập gì cả")
    assert "dòng 3: mã 2059" in message
    assert "dòng 4: tỉnh mã 19 có hai tên" in message
    assert "dòng 4: cấp “Huyện” không hợp lệ" in message
    assert _tree() == before


def test_retired_code_in_a_new_list_is_refused(tmp_path):
    _import("units_official_2025.csv")
    province = Organisation.objects.get(code="19")
    old = _unit(province, kind="commune", official_code="01846", name="Phường Cũ")
    record_event(
        UnitEvent.Kind.MERGE,
        date(2025, 7, 1),
        [old],
        [Organisation.objects.get(code="01843")],
    )
    units = Organisation.objects.count()
    # the portal's own format: a new unit taking the retired code
    path = tmp_path / "reuse.csv"
    path.write_text(
        "code,name,kind,parent_code,official_code\n19-X09,Xã Mới,commune,19,01846\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="không bao giờ được dùng lại"):
        call_command("import_organisations", str(path), stdout=StringIO())
    assert Organisation.objects.count() == units


def test_events_file_records_merge_and_split_once():
    _import("units_official_2025.csv")
    province = Organisation.objects.get(code="19")
    for code in ("01846", "01849", "01900"):
        _unit(province, code=code, kind="commune", official_code=code)
    output = _import("units_official_2025.csv", events="unit_events_2025.csv")
    assert "ghi 2 sự kiện" in output
    merged = Organisation.objects.filter(code__in=["01846", "01849"])
    assert {u.succeeded_by.official_code for u in merged} == {"01843"}
    split = Organisation.objects.get(code="01900")
    assert split.succeeded_by is None and split.active_until == date(2025, 6, 30)
    assert {u.official_code for u in successors_of(split)} == {"02059", "01879"}
    assert "ghi 0 sự kiện" in _import(
        "units_official_2025.csv", events="unit_events_2025.csv"
    )
    assert UnitEvent.objects.count() == 2


def test_schools_sit_under_the_body_that_manages_them(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(
        "code,name,kind,parent_code,official_code,school_level\n"
        "19,Tỉnh Thái Nguyên,province,,19,\n"
        "19-X01,Phường Đức Xuân,commune,19,01843,\n"
        "19-T01,Trường THPT Bắc Kạn,school,19-X01,,upper_secondary\n"
        "19-T04,Trường THCS Đức Xuân,school,19,,lower_secondary\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        call_command("import_organisations", str(path), stdout=StringIO())
    assert "dòng 4: Trường THPT Bắc Kạn" in str(error.value)
    assert "dòng 5: Trường THCS Đức Xuân" in str(error.value)
    assert not Organisation.objects.exists()
    path.write_text(
        path.read_text()
        .replace(",19-X01,,upper", ",19,,upper")
        .replace(",19,,lower", ",19-X01,,lower"),
        encoding="utf-8",
    )
    call_command("import_organisations", str(path), stdout=StringIO())
    assert _tree()["19-T01"][1] == "19" and _tree()["19-T04"][1] == "01843"


def test_portal_csv_successor_column_records_a_merge(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(
        "code,name,kind,parent_code,active_until,succeeded_by\n"
        "19,Tỉnh Thái Nguyên,province,,,\n"
        "19-X01,Phường Đức Xuân,commune,19,,\n"
        "19-X07,Phường Cũ,commune,19,31/07/2025,19-X01\n",
        encoding="utf-8",
    )
    for _ in range(2):  # a second run records nothing more
        call_command("import_organisations", str(path), stdout=StringIO())
    event = UnitEvent.objects.get()
    assert (event.kind, event.date) == ("merge", date(2025, 8, 1))
    assert [u.code for u in event.predecessors.all()] == ["19-X07"]
    assert Organisation.objects.get(code="19-X07").succeeded_by.code == "19-X01"
