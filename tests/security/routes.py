"""The named routes of the URL configuration, and URLs for them aimed at school A."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse


def named_routes():
    """{"namespace:name": "pattern/with/<kwargs>/"}, first definition of each name."""
    found = {}

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
                walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern) and entry.name:
                found.setdefault(namespace + entry.name, prefix + str(entry.pattern))

    walk(get_resolver().url_patterns, "", "")
    return found


def kwargs_for(world):
    """A value for every URL keyword: objects of school A (or public ones)."""
    return {
        "class_id": world.class_a.pk,
        "user_id": world.learner_a.pk,
        "import_id": world.roster_a.pk,
        "archive_id": world.archive_a.pk,
        "unit_id": world.school_a.pk,
        "attempt_id": world.attempt_a.pk,
        "job_id": world.export_a.pk,
        "request_id": world.data_request_a.pk,
        "notice_id": world.notice_a.pk,
        "course_id": world.course.pk,
        "quiz_id": world.quiz_page.pk,
        "pk": world.certificate_a.pk,
        "code": world.certificate_a.verification_code,
        "language": "en",
        "uidb64": "MQ",
        "token": "set-password",
    }


def url_for(name, pattern, world):
    values = kwargs_for(world)
    needed = [part.split(">")[0].split(":")[-1] for part in pattern.split("<")[1:]]
    return reverse(name, kwargs={key: values[key] for key in needed})
