"""Demo pages: the home page text, the course catalogue, courses, lessons and quizzes.

Pages are matched by slug under their parent and created live with one revision;
nothing that exists is overwritten. Quizzes hold bank slots (``banks``): the course
quizzes fix their questions from one bank each, the demo exam draws from its bank.
"""

from django.db.models import Q
from wagtail.models import Site

from courses.models import (
    CompetenceTag,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    QuizPage,
)
from home.models import HomePage

from . import banks, exam, reader

# Attempts allowed in a demo course: enough to learn from a failed try, not enough
# to learn the key by trial (issue 15). Review rules stay at the defaults.
ATTEMPT_LIMIT = 3


def demo_courses():
    """Every demo course spec, the exam course last."""
    return [*reader.courses(), exam.EXAM_COURSE]


def _child(parent, slug):
    """The child page of ``parent`` with this slug, as its specific type, or None."""
    return parent.get_children().filter(slug=slug).specific().first()


def _create_page(parent, page, before=None):
    """Add ``page`` under ``parent`` (left of ``before`` if given), live, 1 revision."""
    if before is not None:
        # Fetched afresh: inserting to the left shifts the tree paths of siblings.
        type(before).objects.get(pk=before.pk).add_sibling(pos="left", instance=page)
    else:
        parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _ensure_children(parent, specs):
    """Create the missing children of ``parent`` in the order of ``specs``.

    ``specs`` is a list of (slug, factory) pairs; a factory builds the unsaved page.
    Missing pages go at the end, or before the next page that already existed, so a
    page deleted from the middle of a course comes back in its place.
    Returns (pages in spec order, number created).
    """
    existing = [_child(parent, slug) for slug, _ in specs]
    pages = []
    for index, (_, factory) in enumerate(specs):
        page = existing[index]
        if page is None:
            before = next((later for later in existing[index + 1 :] if later), None)
            page = _create_page(parent, factory(), before=before)
        pages.append(page)
    created = sum(page is None for page in existing)
    if created:
        # Inserting to the left moved later siblings in the tree: read them again.
        pages = [type(page).objects.get(pk=page.pk) for page in pages]
    return pages, created


def _stream(model, field_name, raw):
    """Validated StreamField value from the plain data of ``content/`` (``reader``).

    Going through the block's own ``to_python`` and ``clean`` means a quiz with two
    correct answers to a single-choice question fails here, as it would in the admin,
    and lists are stored in Wagtail's current format (items with ids).
    """
    block = model._meta.get_field(field_name).stream_block
    return block.clean(block.to_python(raw))


def _lesson(spec):
    return LessonPage(
        title=spec["title"],
        slug=spec["slug"],
        intro=spec["intro"],
        duration_minutes=spec["duration_minutes"],
        body=_stream(LessonPage, "body", spec["body"]),
    )


def _quiz(course_spec):
    """The course's quiz, its questions in a bank (made or found by name)."""
    spec = course_spec["quiz"]
    drawn = course_spec is exam.EXAM_COURSE
    slots = banks.exam_slots() if drawn else banks.quiz_slots(course_spec)
    return QuizPage(
        title=spec["title"],
        slug=spec["slug"],
        intro=spec["intro"],
        questions=_stream(QuizPage, "questions", slots),
        shuffle_questions=drawn,
        shuffle_choices=drawn,
    )


def _course(spec, audiences):
    page = CoursePage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        search_description=spec["summary"],
        duration_minutes=spec["duration_minutes"],
        self_enrol=True,
        pass_mark=70,
        attempt_limit=spec.get("attempt_limit", ATTEMPT_LIMIT),
        time_limit_minutes=spec.get("time_limit_minutes"),
    )
    page.audiences.set([audiences[slug] for slug in spec["audiences"]])
    # Tags missing from the frameworks' data (a flushed test database) are skipped.
    wanted = Q(pk__in=[])
    for key in spec.get("competences", []):
        framework, _colon, code = key.partition(":")
        wanted |= Q(framework=framework, code=code)
    page.competences.set(CompetenceTag.objects.filter(wanted))
    return page


def load_pages(audiences):
    """Home page text, the course catalogue, courses, lessons and quizzes.

    Pages are matched by slug under their parent and created live with one revision.
    The home page is filled in only while it still has no headline and no intro (as
    migration home/0002 leaves it). Returns how many pages were created or filled in.
    """
    site = Site.objects.select_related("root_page").get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise ValueError(
            "Trang gốc của site mặc định không phải trang chủ (home.HomePage)."
        )
    texts = reader.site()
    changed = 0
    if not home.headline and not home.intro:
        home.title = home.draft_title = texts["home_page"]["title"]
        home.headline = texts["home_page"]["headline"]
        home.intro = texts["home_page"]["intro"]
        home.save_revision().publish()
        changed += 1

    # The catalogue is one per home page: an editor may have changed its slug.
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        spec = texts["course_index"]
        index = CourseIndexPage(
            title=spec["title"], slug=spec["slug"], intro=spec["intro"]
        )
        _create_page(home, index)
        changed += 1

    specs = demo_courses()
    course_specs = [
        (spec["slug"], lambda spec=spec: _course(spec, audiences)) for spec in specs
    ]
    courses, created = _ensure_children(index, course_specs)
    changed += created

    for course, spec in zip(courses, specs, strict=True):
        child_specs = [
            (lesson["slug"], lambda lesson=lesson: _lesson(lesson))
            for lesson in spec["lessons"]
        ]
        child_specs.append((spec["quiz"]["slug"], lambda spec=spec: _quiz(spec)))
        _, created = _ensure_children(course, child_specs)
        changed += created
    return changed
