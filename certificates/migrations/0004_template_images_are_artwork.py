"""The template's picture fields now point at certificate artwork (0003 moved them)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_move_template_images_to_private"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="certificatetemplate", name="background_image"
        ),
        migrations.RenameField(
            model_name="certificatetemplate",
            old_name="background_artwork",
            new_name="background_image",
        ),
        migrations.RemoveField(model_name="certificatetemplate", name="logo"),
        migrations.RenameField(
            model_name="certificatetemplate", old_name="logo_artwork", new_name="logo"
        ),
        migrations.RemoveField(
            model_name="certificatetemplate", name="signature_image"
        ),
        migrations.RenameField(
            model_name="certificatetemplate",
            old_name="signature_artwork",
            new_name="signature_image",
        ),
    ]
