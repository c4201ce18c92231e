"""Load the verified entries of the national competence frameworks (courses/data/)."""

from django.db import migrations


def load_frameworks(apps, schema_editor):
    from courses.competence_frameworks import load

    load(apps.get_model("courses", "CompetenceTag"))


class Migration(migrations.Migration):
    dependencies = [("courses", "0008_editors_manage_question_banks")]

    operations = [migrations.RunPython(load_frameworks, migrations.RunPython.noop)]
