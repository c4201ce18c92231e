"""A killed worker's task comes back within the longest task time, not 2 hours
(issue 14, finding 6): the visibility timeout is derived from the time limits."""

from django.conf import settings

from config.celery_app import app


def portal_tasks():
    app.loader.import_default_modules()  # autodiscovery of every app's tasks.py
    return {name: task for name, task in app.tasks.items() if "." in name}


def test_every_task_has_a_time_limit_within_the_longest():
    tasks = portal_tasks()
    assert "people.tasks.apply_roster_task" in tasks
    for name, task in tasks.items():
        if name.startswith("celery."):
            continue
        limit = task.time_limit or settings.CELERY_TASK_TIME_LIMIT
        assert limit <= settings.CELERY_LONGEST_TASK, name


def test_the_visibility_timeout_is_the_longest_task_plus_the_margin():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    longest = max(
        task.time_limit or settings.CELERY_TASK_TIME_LIMIT
        for name, task in portal_tasks().items()
        if not name.startswith("celery.")
    )
    assert visibility == settings.CELERY_LONGEST_TASK + settings.CELERY_STUCK_MARGIN
    assert longest < visibility <= longest + 10 * 60


def test_the_sweeps_run_on_beat():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "people.tasks.sweep_roster_imports",
        "reports.export_tasks.sweep_export_jobs",
    } <= tasks
    assert tasks <= set(portal_tasks())
