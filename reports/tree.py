"""Where an enrolment counts in the organisation tree, merged and split units included.

Enrolments carry the unit they were made in. When a unit merges into a successor
(a merge ``UnitEvent``, which sets ``Organisation.succeeded_by``), its enrolments — and
those of any unit under it — count at the successor: the successor took over the whole
unit, so at every ancestor they add into the successor's figures, and on the
successor's page they form a row of the old unit, which links to the old unit's own
page (where they count as the old unit's). A unit that was split keeps its figures on
itself (they cannot be divided among its successors): it stays a row of its parent,
counted once, and the successors' pages link to it (reports/dashboard/lineage.py).
Retired units are few, so the mapping is a small dict resolved in Python (two
queries) and applied in SQL as a CASE over unit ids.
"""

from django.db.models import Case, CharField, F, Q, Value, When

from people.models import Organisation


class UnitTree:
    """The merge mapping, loaded once per report request."""

    def __init__(self):
        self._ids_under = {}
        units = {
            o["pk"]: o
            for o in Organisation.objects.filter(
                Q(succeeded_by__isnull=False) | Q(predecessors__isnull=False)
            )
            .distinct()
            .values("pk", "path", "name", "succeeded_by_id")
        }
        self.names = {row["path"]: row["name"] for row in units.values()}
        # Retired path → path of the live end of its chain (A → B → C ends at C).
        successor_of = {}
        for row in units.values():
            seen, current = {row["pk"]}, row
            while current["succeeded_by_id"] and current["succeeded_by_id"] not in seen:
                seen.add(current["succeeded_by_id"])
                current = units[current["succeeded_by_id"]]
            if current is not row:
                successor_of[row["path"]] = current["path"]
        self.retired_paths = set(successor_of)
        # Every unit inside a retired one (itself included) → its successor's path;
        # the innermost retired unit decides (and is kept in ``moved_from``).
        self.moved, self.moved_from = {}, {}
        if successor_of:
            inside = Q(pk__in=[])
            for path in successor_of:
                inside |= Q(path__startswith=path)
            for pk, path in Organisation.objects.filter(inside).values_list(
                "pk", "path"
            ):
                retired = max((p for p in successor_of if path.startswith(p)), key=len)
                self.moved[pk] = successor_of[retired]
                self.moved_from[pk] = retired

    def effective_path(self, path, pk):
        return self.moved.get(pk, path)

    def path_expression(self, prefix="organisation__"):
        """SQL: the path an enrolment counts under."""
        by_successor = {}
        for pk, successor in self.moved.items():
            by_successor.setdefault(successor, []).append(pk)
        whens = [
            When(**{f"{prefix}pk__in": pks}, then=Value(successor))
            for successor, pks in sorted(by_successor.items())
        ]
        if not whens:
            return F(f"{prefix}path")
        return Case(*whens, default=F(f"{prefix}path"), output_field=CharField())

    def name_expression(self, prefix="organisation__"):
        """SQL: the name of the unit an enrolment counts under."""
        whens = [
            When(**{f"{prefix}pk": pk}, then=Value(self.names[successor]))
            for pk, successor in sorted(self.moved.items())
        ]
        if not whens:
            return F(f"{prefix}name")
        return Case(*whens, default=F(f"{prefix}name"), output_field=CharField())

    def unit_ids_under(self, paths):
        """Ids of the units whose enrolments count under any of ``paths``."""
        if not paths:
            return []
        key = tuple(sorted(paths))
        if key not in self._ids_under:
            self._ids_under[key] = self._load_ids_under(paths)
        return list(self._ids_under[key])

    def _load_ids_under(self, paths):
        condition = Q(pk__in=[])
        for path in paths:
            condition |= Q(path__startswith=path)
        condition |= Q(
            pk__in=[
                pk
                for pk, successor in self.moved.items()
                if any(successor.startswith(p) for p in paths)
            ]
        )
        # Viewing a merged unit itself (or a unit inside it): its own figures.
        inside_retired = [
            p for p in paths if any(p.startswith(r) for r in self.retired_paths)
        ]
        found = {}
        for pk, path in Organisation.objects.filter(condition).values_list(
            "pk", "path"
        ):
            if any(path.startswith(p) for p in inside_retired):
                found[pk] = path
                continue
            path = self.effective_path(path, pk)
            if any(path.startswith(p) for p in paths):
                found[pk] = path
        return found

    def paths_of(self, paths):
        """{unit id: the path it counts under} for the units under ``paths``."""
        if not paths:
            return {}
        self.unit_ids_under(paths)
        return self._ids_under[tuple(sorted(paths))]
