"""The national competence frameworks, from courses/data/ into CompetenceTag rows.

Used by the data migration (with the historical model) and by the management
command ``load_competence_tags``: both create what is missing and correct names,
domains and order of what exists, keyed by (framework, code), so running it again
changes nothing. Rows no longer in the file are left alone (questions and courses
may carry them) and reported.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

DATA_FILE = Path(__file__).resolve().parent / "data" / "competence_frameworks.json"


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_unverified: int = 0
    not_in_file: list = field(default_factory=list)


def read_entries(path=DATA_FILE, include_unverified=False):
    """[(framework, code, name, parent_code, sort_order)] in file order, parents first.

    Raises ValueError on a file that would load something wrong (a repeated code,
    a parent listed after its child or missing).
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    entries, skipped = [], 0
    for framework, spec in data["frameworks"].items():
        seen = set()
        for order, entry in enumerate(spec["entries"]):
            code, parent = str(entry["code"]).strip(), entry.get("parent")
            if not (entry.get("verified") or include_unverified):
                skipped += 1
                continue
            if code in seen:
                raise ValueError(f"{framework}: code {code} appears twice")
            if parent is not None and parent not in seen:
                raise ValueError(f"{framework}: {code} before its domain {parent}")
            seen.add(code)
            entries.append((framework, code, entry["name"].strip(), parent, order))
    return entries, skipped


def load(tag_model, path=DATA_FILE, include_unverified=False):
    """Bring ``tag_model``'s rows in line with the file; returns a LoadReport."""
    entries, skipped = read_entries(path, include_unverified)
    report = LoadReport(skipped_unverified=skipped)
    with transaction.atomic():
        existing = {(t.framework, t.code): t for t in tag_model.objects.all()}
        for framework, code, name, parent_code, order in entries:
            parent = existing[(framework, parent_code)] if parent_code else None
            tag = existing.get((framework, code))
            if tag is None:
                existing[(framework, code)] = tag_model.objects.create(
                    framework=framework,
                    code=code,
                    name=name,
                    parent=parent,
                    sort_order=order,
                )
                report.created += 1
                continue
            wanted = {
                "name": name,
                "parent_id": parent.pk if parent else None,
                "sort_order": order,
            }
            if all(getattr(tag, k) == v for k, v in wanted.items()):
                report.unchanged += 1
                continue
            for k, v in wanted.items():
                setattr(tag, k, v)
            tag.save(update_fields=["name", "parent", "sort_order"])
            report.updated += 1
        in_file = {(f, c) for f, c, *_rest in entries}
        report.not_in_file = sorted(
            f"{f}:{c}" for f, c in existing if (f, c) not in in_file
        )
    return report
