"""Background work for certificates: thin wrappers over the services.

``acks_late``: a worker that dies mid-task leaves the message on the broker for
another one; the services make running twice harmless.
"""

from celery import shared_task

from . import archives, issuing


@shared_task(acks_late=True, time_limit=120, soft_time_limit=100)
def issue_certificate(certificate_id):
    certificate = issuing.issue(certificate_id)
    return certificate.status if certificate else None


@shared_task(acks_late=True, time_limit=120, soft_time_limit=100)
def requeue_stuck_certificates():
    """Run by Celery beat: pending certificates whose task was lost go again."""
    return issuing.requeue_stuck()


@shared_task(acks_late=True, time_limit=30 * 60, soft_time_limit=29 * 60)
def build_class_archive(archive_id):
    archive = archives.build(archive_id)
    return archive.status if archive else None
