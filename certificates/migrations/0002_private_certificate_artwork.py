"""Certificate artwork: its own model, in private storage (0003 moves the images).

Three migrations, because PostgreSQL will not create the new fields' indexes, or
alter the table, in the transaction that has just updated its rows.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import certificates.models


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_certificates_templates_and_records"),
    ]

    operations = [
        migrations.CreateModel(
            name="CertificateArtwork",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("title", models.CharField(max_length=255, verbose_name="title")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("signature", "Signature"),
                            ("seal", "Seal or emblem"),
                            ("background", "Background"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "file",
                    models.ImageField(
                        help_text="PNG or JPEG. A scanned signature on white paper is fine.",
                        storage=certificates.models.private_storage,
                        upload_to="certificates/artwork",
                        verbose_name="image file",
                    ),
                ),
                (
                    "file_hash",
                    models.CharField(blank=True, editable=False, max_length=64),
                ),
                (
                    "uploaded_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="uploaded at"
                    ),
                ),
            ],
            options={
                "verbose_name": "certificate artwork",
                "verbose_name_plural": "certificate artwork",
                "ordering": ["kind", "title"],
            },
        ),
        migrations.AddField(
            model_name="certificatetemplate",
            name="background_artwork",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="certificates.certificateartwork",
                verbose_name="background image",
            ),
        ),
        migrations.AddField(
            model_name="certificatetemplate",
            name="logo_artwork",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="certificates.certificateartwork",
                verbose_name="logo",
            ),
        ),
        migrations.AddField(
            model_name="certificatetemplate",
            name="signature_artwork",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="certificates.certificateartwork",
                verbose_name="signature image",
            ),
        ),
    ]
