from django.db import migrations
from django.db.models import Exists, OuterRef, Subquery


def mark(apps, schema_editor):
    """Fill Enrolment.certificate_ready_at as certificates/unfetched.py keeps it."""
    Enrolment = apps.get_model("courses", "Enrolment")
    Certificate = apps.get_model("certificates", "Certificate")
    waiting = (
        Certificate.objects.filter(
            enrolment=OuterRef("pk"), status="issued", downloaded_at__isnull=True
        )
        .order_by("issued_at")
        .values("issued_at")[:1]
    )
    has_one = Certificate.objects.filter(enrolment=OuterRef("pk"))
    Enrolment.objects.filter(Exists(has_one)).update(
        certificate_ready_at=Subquery(waiting)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0006_certificate_downloaded_at"),
        ("courses", "0017_enrolment_certificate_ready_at"),
    ]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
