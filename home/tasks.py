"""Site-wide background work: Wagtail's scheduled publishing."""

from celery import shared_task
from django.core.cache import cache
from django.core.management import call_command

LOCK_KEY = "home:publish-scheduled-running"
LOCK_SECONDS = 25  # beat runs it every 30 s; a run left behind frees the lock itself


@shared_task(time_limit=5 * 60, soft_time_limit=4 * 60)
def publish_scheduled_pages():
    """Publish the pages whose "go live" time has come and unpublish the expired ones
    (Wagtail's ``publish_scheduled``, which logs each as a scheduled publish). Beat
    runs it every half minute in every set-up; one run at a time, so a slow run is not
    doubled by the next."""
    if not cache.add(LOCK_KEY, True, LOCK_SECONDS):
        return
    try:
        call_command("publish_scheduled")
    finally:
        cache.delete(LOCK_KEY)
