"""Relevance order from the index table, matched once, on SQLite and PostgreSQL.

Works around how modelsearch's database backends order by relevance at this size:

* SQLite: a correlated sub-query runs the FTS5 match again for every matching page
  (wagtail/django-modelsearch#85 says it "takes several minutes" on large indexes;
  about 20 s here for 1,400 matches among 5,000 lessons);
* PostgreSQL: it matches and ranks ``title || body``, a concatenation no index can
  serve, for every page (about 1 s for a count and 1 s for a page of results here).

Both run here as one query on the index table itself, narrowed to the pages the
visitor may see; on PostgreSQL it also counts the matches (``COUNT(*) OVER ()``), so
a page of results costs one pass over the matching entries, not one for the count and
one for the rows: SQLite's FTS5 ``MATCH`` sorted by ``bm25()``, PostgreSQL's GIN-indexed
``body @@ query`` (or ``autocomplete``) sorted by ``ts_rank``. On PostgreSQL the title
column can be left out because the models index a folded copy of the title, and the
keys of its marked words, in the body (``search_folded_title``, ``search_folded_text``),
and queries are only ever made of folded words and keys. Other backends rank as usual.

On PostgreSQL a query with marked words is also one pass: the pages holding exactly
those words come first (``exact_match``), then the rest, each by rank. SQLite runs the
two tiers as two queries (search/query.py).
"""

from django.db import connection
from django.db.models import (
    BooleanField,
    F,
    FloatField,
    Func,
    Q,
    TextField,
)
from django.db.models.expressions import ExpressionWrapper
from django.db.models.functions import Cast


def applies(results):
    """Whether ``results`` come from a backend ranked here."""
    return _ranker(results) is not None


def ranks_exact_first(results):
    """Whether one query can put exact matches first (PostgreSQL's backend)."""
    return _ranker(results) is _postgres_ranked


def _ranker(results):
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchResults

        if isinstance(results, SQLiteSearchResults):
            return _sqlite_ranked
    elif connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import (
            PostgresSearchResults,
        )

        if isinstance(results, PostgresSearchResults):
            return _postgres_ranked
    return None


def _visible_ids(compiler):
    """The ids (as index entries store them, text) of the pages searched."""
    pages = compiler.queryset.order_by().annotate(object_id=Cast("pk", TextField()))
    return pages.values("object_id")


class _BM25(Func):
    """``bm25()`` over the columns searched, the title counting twice."""

    output_field = FloatField()
    # Columns in the FTS table's order.
    WEIGHTS = {"autocomplete": 1.0, "body": 1.0, "title": 2.0}

    def __init__(self, table, columns):
        self.table = table
        self.weights = [self.WEIGHTS[c] if c in columns else 0.0 for c in self.WEIGHTS]
        super().__init__()

    def as_sql(self, compiler, connection, **extra):
        return f"bm25({self.table}, {', '.join(map(str, self.weights))})", []


def _sqlite_ranked(results, exact=None):
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry
    from modelsearch.utils import get_descendants_content_types_pks

    compiler = results.query_compiler
    columns = compiler.FTS_TABLE_FIELDS
    match = MatchExpression(
        columns, compiler.build_search_query(normalize(compiler.query))
    )
    return (
        SQLiteFTSIndexEntry.objects.filter(match)
        .filter(
            index_entry__content_type__in=get_descendants_content_types_pks(
                compiler.queryset.model
            ),
            index_entry__object_id__in=_visible_ids(compiler),
        )
        .annotate(score=_BM25(SQLiteFTSIndexEntry._meta.db_table, columns))
        .order_by("score", "index_entry__object_id")
        .annotate(object_id=F("index_entry__object_id"))
    )


def _postgres_ranked(results, exact=None):
    from django.contrib.postgres.search import SearchRank
    from modelsearch.backends.database.postgres.postgres import (
        IndexEntry,
        PostgresAutocompleteQueryCompiler,
    )
    from modelsearch.backends.database.postgres.weights import get_sql_weights
    from modelsearch.utils import get_descendants_content_types_pks

    compiler = results.query_compiler
    tsquery = compiler.build_tsquery(
        compiler.query, config=compiler.get_config(results.backend)
    )
    column = (
        "autocomplete"
        if isinstance(compiler, PostgresAutocompleteQueryCompiler)
        else "body"
    )
    entries = (
        IndexEntry.objects.filter(**{column: tsquery})
        .filter(
            content_type__in=get_descendants_content_types_pks(compiler.queryset.model),
            object_id__in=_visible_ids(compiler),
        )
        .annotate(score=SearchRank(F(column), tsquery, weights=get_sql_weights()))
    )
    if exact is not None:
        exact_tsquery = compiler.build_tsquery(
            exact, config=compiler.get_config(results.backend)
        )
        flag = ExpressionWrapper(
            Q(**{column: exact_tsquery}), output_field=BooleanField()
        )
        return entries.annotate(exact_match=flag).order_by(
            "-exact_match", "-score", "object_id"
        )
    return entries.order_by("-score", "object_id")


def _postgres_window(entries, offset, limit):
    """(ids, number of matches) for one window of ranked ``entries``, in one pass.

    The rank (and exact-words flag) are computed in a sub-query PostgreSQL may not
    flatten (``OFFSET 0``): flattened, it carried every match's vector through the
    count and the sort and spilled them to disk.
    """
    exact = "exact_match" in entries.query.annotations
    columns = ["object_id", "score", *(["exact_match"] if exact else [])]
    sql, params = entries.order_by().values(*columns).query.sql_with_params()
    order = "exact_match DESC, " if exact else ""
    with connection.cursor() as cursor:
        cursor.execute(
            # Only the ORM's own SQL and fixed words are spliced in; values are params.
            f"SELECT object_id, COUNT(*) OVER () FROM ({sql} OFFSET 0) AS matches "  # noqa: S608
            f"ORDER BY {order}score DESC, object_id LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        rows = cursor.fetchall()
    return [pk for pk, _total in rows], (rows[0][1] if rows else 0)


class RankedTier:
    """Search or autocomplete results, countable and sliceable like the backend's,
    ranked by one query on the index table (see the module's docstring).

    The first ``HEAD`` ids and the count come from the same query: the first pages
    of results, the ones people look at, need no second pass. ``exact`` (PostgreSQL
    only, see ``ranks_exact_first``) puts the pages matching it first.
    """

    HEAD = 20

    def __init__(self, results, exact=None):
        self.pages = results.query_compiler.queryset
        self.entries = _ranker(results)(results, exact)
        self._head = None

    def _read_head(self):
        if self._head is None:
            if connection.vendor == "postgresql":
                self._head = _postgres_window(self.entries, 0, self.HEAD)
            else:  # SQLite's bm25() cannot sit beside a window function.
                ids = list(
                    self.entries.values_list("object_id", flat=True)[: self.HEAD]
                )
                total = len(ids)
                if total == self.HEAD:
                    total = self.entries.order_by().count()
                self._head = (ids, total)
        return self._head

    def count(self):
        return self._read_head()[1]

    def __getitem__(self, key):
        head, total = self._read_head()
        start, stop = key.start or 0, key.stop
        if (stop if stop is not None else total) <= len(head) or total == len(head):
            ids = head[start:stop]
        elif connection.vendor == "postgresql":
            stop = total if stop is None else stop
            ids = _postgres_window(self.entries, start, max(0, stop - start))[0]
        else:
            ids = self.entries.values_list("object_id", flat=True)[key]
        ids = [int(pk) for pk in ids]
        found = {page.pk: page for page in self.pages.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]
