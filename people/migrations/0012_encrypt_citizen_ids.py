"""Personal ID numbers encrypted at rest, matched and kept unique by a keyed hash.

The data step reads the plain numbers with SQL (the ORM would try to decrypt them)
and writes token + digest through the fields; backwards it writes the plain numbers
back, so the migration is reversible while the keys are at hand.
"""

import django.core.validators
from django.db import migrations, models

import people.encryption

BATCH = 500


def encrypt_numbers(apps, schema_editor):
    User = apps.get_model("people", "User")
    table = schema_editor.connection.ops.quote_name(User._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, citizen_id FROM {table} WHERE citizen_id <> ''")  # noqa: S608
        rows = cursor.fetchall()
    users = [User(pk=pk, citizen_id=number) for pk, number in rows]
    User.objects.bulk_update(users, ["citizen_id", "citizen_id_digest"], BATCH)


def decrypt_numbers(apps, schema_editor):
    User = apps.get_model("people", "User")
    rows = User.objects.exclude(citizen_id="").values_list("pk", "citizen_id")
    table = schema_editor.connection.ops.quote_name(User._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET citizen_id = %s, citizen_id_digest = '' "  # noqa: S608
            "WHERE id = %s",
            [(number, pk) for pk, number in rows],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("people", "0011_audit_identity_actions"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="user",
            name="people_user_citizen_id_unique",
        ),
        migrations.AddField(
            model_name="user",
            name="citizen_id_digest",
            field=people.encryption.DigestField(
                blank=True, db_index=True, max_length=64, source="citizen_id"
            ),
        ),
        migrations.AlterField(
            model_name="user",
            name="citizen_id",
            field=people.encryption.EncryptedCharField(
                blank=True,
                max_length=12,
                validators=[
                    django.core.validators.RegexValidator(
                        "^\\d{12}$",
                        "The personal identification number must have exactly 12 "
                        "digits.",
                    )
                ],
                verbose_name="personal identification number",
            ),
        ),
        migrations.RunPython(encrypt_numbers, decrypt_numbers),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                condition=models.Q(("citizen_id_digest", ""), _negated=True),
                fields=("citizen_id_digest",),
                name="people_user_citizen_id_digest_unique",
                violation_error_code="citizen_id_taken",
                violation_error_message=(
                    "Another account already has this personal identification "
                    "number."
                ),
            ),
        ),
    ]
