"""Handing a task to the broker from a web request without ever waiting on it.

``publish`` returns True when the broker took the task and False when it could not
(broker down, or its circuit breaker still open after a recent failure): the caller
then records the work as waiting, and a beat sweep (or the next request) hands it
over once the broker is back. A request pays at most one short attempt per outage
window (core/circuit.py), never a retry loop.

With eager Celery (the embedded default, tests) the task runs in-process as before.
"""

from .circuit import breaker_for


def publish(task, *args, **kwargs):
    """Queue ``task(*args, **kwargs)``; True if queued (or run eagerly)."""
    app = task.app  # the project's Celery app (config/celery_app.py)
    if app.conf.task_always_eager:
        task.apply_async(args, kwargs)
        return True
    breaker = breaker_for(app.conf.broker_url)
    if breaker.is_open():
        return False
    try:
        # No result is ever read by the portal: subscribing to the result store on
        # every call cost 19 s of retries per request while Redis was down.
        task.apply_async(args, kwargs, ignore_result=True)
    except Exception as error:  # kombu and redis raise several kinds: not queued
        breaker.failed(error)
        return False
    return True
