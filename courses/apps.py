from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Owns the course, lesson and quiz pages and learners' progress."""

    name = "courses"
    verbose_name = _("Courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import connect

        connect()
        from .programmes import on_course_completed
        from .signals import course_completed

        course_completed.connect(
            on_course_completed, dispatch_uid="courses.programmes.on_course_completed"
        )
        from .stream_forms import register

        register()  # unreadable StreamField posts are form errors, not 500s

        from people.class_tabs import ClassTab
        from people.class_tabs import register as register_tab

        register_tab(ClassTab("courses", _("Courses"), "class_courses:list", order=20))

        from .personal_data import register_sections

        register_sections()  # a person's data copy (people/personal_data.py)
