from django.db import migrations

from home.workflow_names import name_default_workflow


def rename(apps, schema_editor):
    name_default_workflow(apps.get_model("wagtailcore", "Workflow"), apps.get_model("wagtailcore", "Task"))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_replace_welcome_page"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
