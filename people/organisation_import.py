"""Import the organisation tree from a CSV list of units (code, name, kind, parent).

Optional columns: official_code (people/models/organisations.py), school_level,
active_from, active_until (dd/mm/yyyy) and succeeded_by (a code, for units merged in
the 2025 reorganisation; people/unit_events.py records merges with their dates).
Re-importing updates names, kinds, codes, levels, dates and successors (only the
columns the file has) and moves units whose parent changed; it never deletes.
The State's own list of units is read by people/official_units.py into the same rows.
All or nothing: any problem and the database is left as it was.
"""

import csv
import io
from datetime import date, datetime, timedelta

from django.db import transaction

from .models import Organisation, UnitEvent
from .models.organisations import official_code_problem, placement_problem
from .text import clean_text
from .unit_events import EventRefused, record_event

REQUIRED = ("code", "name", "kind", "parent_code")
REORGANISATION = date(2025, 7, 1)  # the two-tier administration began


class OrganisationImportError(ValueError):
    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


def _date(value, line, column, problems):
    value = clean_text(value)
    if not value:
        return None
    try:
        return datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        problems.append(
            f"dòng {line}, cột {column}: ngày “{value}” không đúng dạng dd/mm/yyyy"
        )
        return None


def read_units(data):
    """Rows as dicts from CSV bytes or text (UTF-8, with or without BOM)."""
    text = (
        data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    )
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise OrganisationImportError([f"thiếu cột: {', '.join(missing)}"])
    kinds = set(Organisation.Kind.values)
    rows, problems, seen = [], [], set()
    for line, raw in enumerate(reader, start=2):
        row = {k: clean_text(raw.get(k)) for k in reader.fieldnames}
        if not any(row.values()):
            continue
        if not row["code"] or not row["name"]:
            problems.append(f"dòng {line}: thiếu mã hoặc tên đơn vị")
            continue
        if row["code"] in seen:
            problems.append(f"dòng {line}: mã {row['code']} bị lặp")
        seen.add(row["code"])
        if row["kind"] not in kinds:
            problems.append(
                f"dòng {line}: loại “{row['kind']}” không hợp lệ "
                f"({', '.join(sorted(kinds))})"
            )
        for column in ("active_from", "active_until"):
            if column in row:
                row[column] = _date(row[column], line, column, problems)
        _check_codes(row, line, problems)
        row["line"] = line
        rows.append(row)
    if problems:
        raise OrganisationImportError(problems)
    return rows


LEVELS = set(Organisation.SchoolLevel.values)


def _check_codes(row, line, problems):
    """The official code fits the kind; the school level is a known one."""
    if row.get("official_code"):
        message = official_code_problem(row["kind"], row["official_code"])
        if message:
            problems.append(f"dòng {line}: mã {row['official_code']}: {message}")
    if row.get("school_level") and row["school_level"] not in LEVELS:
        problems.append(
            f"dòng {line}: cấp học “{row['school_level']}” không hợp lệ "
            f"({', '.join(sorted(LEVELS))})"
        )


def _code_and_place_problems(rows, by_code):
    """Official codes never pass to another unit; schools sit under the body that
    manages them."""
    holders = {o.official_code: o for o in by_code.values() if o.official_code}
    kinds = {code: o.kind for code, o in by_code.items()} | {
        r["code"]: r["kind"] for r in rows
    }
    problems = []
    for r in rows:
        holder = holders.get(r.get("official_code"))
        if holder is not None and holder.code != r["code"]:
            ended = holder.active_until or holder.succeeded_by_id
            problems.append(
                f"dòng {r['line']}: mã {r['official_code']} đã thuộc về "
                f"{holder.name}{' (đã giải thể)' if ended else ''}; "
                "mã chính thức không bao giờ được dùng lại"
            )
        unit = by_code.get(r["code"])
        if (
            unit
            and unit.official_code
            and r.get("official_code")
            not in (
                None,
                "",
                unit.official_code,
            )
        ):
            problems.append(
                f"dòng {r['line']}: {unit.name} giữ mã chính thức "
                f"{unit.official_code}; mã chính thức không thay đổi"
            )
        message = placement_problem(
            r["kind"], r.get("school_level"), kinds.get(r["parent_code"])
        )
        if message:
            problems.append(f"dòng {r['line']}: {r['name']}: {message}")
    return problems


OPTIONAL = ("official_code", "school_level", "active_from", "active_until")


def import_units(rows):
    """Create or update the units; returns {"created": n, "updated": n}."""
    with transaction.atomic():
        by_code = {o.code: o for o in Organisation.objects.all()}
        known = set(by_code) | {r["code"] for r in rows}
        problems = [
            f"dòng {r['line']}: không tìm thấy đơn vị cấp trên {r['parent_code']}"
            for r in rows
            if r["parent_code"] and r["parent_code"] not in known
        ] + [
            f"dòng {r['line']}: không tìm thấy đơn vị kế thừa {r['succeeded_by']}"
            for r in rows
            if r.get("succeeded_by") and r["succeeded_by"] not in known
        ]
        problems += _code_and_place_problems(rows, by_code)
        if problems:
            raise OrganisationImportError(problems)
        created = updated = 0
        pending = list(rows)
        while pending:
            waiting = []
            for row in pending:
                parent_code = row["parent_code"]
                if parent_code and parent_code not in by_code:
                    waiting.append(row)
                    continue
                # only the columns the file has; an official code is never cleared
                fields = {"name": row["name"], "kind": row["kind"]} | {
                    k: row[k]
                    for k in OPTIONAL
                    if k in row and (row[k] or k != "official_code")
                }
                unit = by_code.get(row["code"])
                if unit is None:
                    unit = Organisation(code=row["code"], **fields)
                    if parent_code:
                        # fetched afresh: treebeard keeps bookkeeping on the row
                        parent = Organisation.objects.get(pk=by_code[parent_code].pk)
                        unit = parent.add_child(instance=unit)
                    else:
                        unit = Organisation.add_root(instance=unit)
                    created += 1
                else:
                    # afresh too: a sorted insert may have renumbered its path
                    unit = Organisation.objects.get(pk=unit.pk)
                    changed = any(getattr(unit, k) != v for k, v in fields.items())
                    for name, value in fields.items():
                        setattr(unit, name, value)
                    if changed:
                        unit.save()
                    parent = unit.get_parent()
                    if (parent.code if parent else "") != parent_code:
                        target = (
                            Organisation.objects.get(code=parent_code)
                            if parent_code
                            else None
                        )
                        if target is None:
                            raise OrganisationImportError(
                                [
                                    f"dòng {row['line']}: {unit.code} "
                                    "không thể thành đơn vị gốc"
                                ]
                            )
                        unit.move(target, pos="sorted-child")
                        changed = True
                    updated += changed
                by_code[row["code"]] = unit
            if len(waiting) == len(pending):
                raise OrganisationImportError(["cây đơn vị có vòng lặp cấp trên"])
            pending = waiting
        merges = [r for r in rows if r.get("succeeded_by")]
        problems = []
        for row in merges:
            # a merge event, dated the day after active_until (else 1 July 2025)
            unit = Organisation.objects.get(code=row["code"])
            successor = Organisation.objects.get(code=row["succeeded_by"])
            if unit.succeeded_by_id == successor.pk:
                continue
            day = (
                row["active_until"] + timedelta(days=1)
                if row.get("active_until")
                else REORGANISATION
            )
            try:
                record_event(UnitEvent.Kind.MERGE, day, [unit], [successor])
            except EventRefused as error:
                problems.append(f"dòng {row['line']}: {error}")
        if problems:
            raise OrganisationImportError(problems)
    return {"created": created, "updated": updated}
