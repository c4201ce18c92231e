"""The page tree's and the collections' root, named "Root" by Wagtail's migrations,
show in the admin's breadcrumbs, choosers and collection lists: name them in Vietnamese
(only while they keep Wagtail's name)."""

from django.db import migrations

ROOT_NAME = "Gốc"


def rename(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title="Root").update(title=ROOT_NAME, draft_title=ROOT_NAME)
    Collection.objects.filter(depth=1, name="Root").update(name=ROOT_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_ascii_page_slugs"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
