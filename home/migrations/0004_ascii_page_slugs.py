from django.db import migrations

from home.page_slugs import asciify_page_slugs


def asciify(apps, schema_editor):
    asciify_page_slugs(
        apps.get_model("wagtailcore", "Page"),
        apps.get_model("wagtailcore", "Revision"),
        apps.get_model("wagtailredirects", "Redirect"),
        apps.get_model("wagtailcore", "Site"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_vietnamese_workflow_names"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(asciify, migrations.RunPython.noop)]
