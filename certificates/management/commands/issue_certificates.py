"""Issue again the certificates that are pending or failed, by hand."""

from django.core.management.base import BaseCommand

from certificates import issuing
from certificates.models import Certificate


class Command(BaseCommand):
    help = "Queue pending and failed certificates again (or render them here)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--status",
            choices=["pending", "failed", "both"],
            default="both",
            help="which certificates to re-render (default: both)",
        )
        parser.add_argument(
            "--here",
            action="store_true",
            help="render in this process instead of queueing Celery tasks",
        )

    def handle(self, *args, status, here, **options):
        statuses = ["pending", "failed"] if status == "both" else [status]
        certificates = Certificate.objects.filter(status__in=statuses)
        if here:
            issued = failed = 0
            for pk in certificates.values_list("pk", flat=True):
                result = issuing.issue(pk)
                if result and result.status == Certificate.Status.ISSUED:
                    issued += 1
                else:
                    failed += 1
            self.stdout.write(f"issued: {issued}, failed: {failed}")
            return
        count = issuing.retry(certificates)
        self.stdout.write(f"queued: {count}")
