"""Keep the search index's ``body`` vectors in the table row, compressed (PostgreSQL).

A lesson's vector is a few kilobytes, just over the size PostgreSQL moves out to its
TOAST table, and a search reads each matching vector three times (the match, the
exact-words flag, the rank): every read fetched the chunks again, most of a search's
time. ``STORAGE MAIN`` keeps the compressed vector in the row (PostgreSQL still moves
one out if a row outgrows a page). Existing entries are rewritten so that they move
back in. Nothing to do on SQLite.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"


def store_inline(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN body SET STORAGE MAIN")
    # A new value (not the same pointer) is stored under the new rule.
    schema_editor.execute(f"UPDATE {TABLE} SET body = body || ''::tsvector")


def store_default(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN body SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_editors_see_search_terms"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(store_inline, store_default)]
