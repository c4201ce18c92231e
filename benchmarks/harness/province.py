"""A province to measure the statistics on, seeded with COPY on PostgreSQL: 100
communes, 300 schools and offices (3 merged into a neighbour), 3,000 classes,
≈120,000 learners with their memberships, 10 courses with a quiz each, 1,000,000
enrolments, a quiz attempt per started enrolment and a certificate per completed one.

Runs inside a process where Django is set up (benchmarks/stats.py)."""

from datetime import UTC, datetime, timedelta

COMMUNES, SCHOOLS_PER_COMMUNE, CLASSES_PER_SCHOOL = 100, 3, 10
LEARNERS, COURSES, ENROLMENTS = 120_000, 10, 1_000_000
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
START = datetime(2025, 9, 1, tzinfo=UTC)


def step(number):
    """A treebeard path step (steplen 4, base 36)."""
    out = ""
    for _ in range(4):
        number, digit = divmod(number, 36)
        out = ALPHABET[digit] + out
    return out


def copy(model, columns, rows):
    """COPY rows (tuples in ``columns`` order) into the model's table.

    COPY skips Django's defaults, so every other NOT NULL column gets its model
    default here: a column added to a model later does not break the seeding."""
    from django.db import connection

    table = model._meta.db_table
    defaulted = [
        field
        for field in model._meta.concrete_fields
        if field.column not in columns and not field.null and not field.primary_key
    ]
    extra = tuple(
        field.get_db_prep_save(field.get_default(), connection) for field in defaulted
    )
    names = ", ".join(f'"{c}"' for c in [*columns, *(f.column for f in defaulted)])
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f'COPY "{table}" ({names}) FROM STDIN') as target:  # noqa: S608
            for row in rows:
                target.write_row(tuple(row) + extra)


def reset_sequences(*models):
    from django.db import connection

    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f'(SELECT MAX(id) FROM "{table}"))'
            )


def seed_tree():
    from people.models import Organisation, SchoolClass

    units, schools = [], []
    units.append((1, "0001", 1, COMMUNES, "P", "Tỉnh Thái Nguyên", "province", None))
    pk = 2
    communes = []
    for c in range(1, COMMUNES + 1):
        path = "0001" + step(c)
        units.append(
            (pk, path, 2, SCHOOLS_PER_COMMUNE, f"C{c}", f"Xã {c}", "commune", None)
        )
        communes.append((pk, path))
        commune_pk = pk
        pk += 1
        for s in range(1, SCHOOLS_PER_COMMUNE + 1):
            kind = "school" if s < 3 else "one_stop_office"
            units.append(
                (pk, path + step(s), 3, 0, f"S{c}-{s}", f"Trường {c}-{s}", kind, None)
            )
            schools.append((pk, commune_pk))
            pk += 1
    # Three schools merged into the next one of their commune.
    merged = {schools[i][0]: schools[i + 1][0] for i in (0, 30, 60)}
    units = [u[:7] + (merged.get(u[0]),) for u in units]
    copy(
        Organisation,
        ["id", "path", "depth", "numchild", "code", "name", "kind", "succeeded_by_id"],
        units,
    )
    classes = []
    for school_pk, _commune in schools:
        for k in range(CLASSES_PER_SCHOOL):
            classes.append(
                (len(classes) + 1, f"{10 + k % 3}A{k}", "2026-2027", 10, school_pk)
            )
    copy(
        SchoolClass,
        ["id", "name", "school_year", "grade", "organisation_id"],
        classes,
    )
    reset_sequences(Organisation, SchoolClass)
    return communes, schools, classes


def seed_people(classes, rng):
    from people.models import Membership, User

    joined = datetime(2025, 8, 1, tzinfo=UTC)
    given = ["An", "Bình", "Cường", "Dung", "Hà", "Khoa", "Lan", "Minh", "Ngọc", "Việt"]
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
    placement = {}

    def users():
        for pk in range(1, LEARNERS + 1):
            name = f"{rng.choice(family)} Văn {rng.choice(given)} {pk}"
            yield (pk, "!", False, f"hs{pk}", "", "", "", False, True, joined,
                   name, name.lower(), "", "", "", "", False)  # fmt: skip

    copy(
        User,
        [
            "id",
            "password",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
            "full_name",
            "name_sort_key",
            "gender",
            "student_code",
            "citizen_id",
            "phone",
            "must_change_password",
        ],  # fmt: skip
        users(),
    )

    def memberships():
        for pk in range(1, LEARNERS + 1):
            class_pk, _name, _year, _grade, school_pk = classes[(pk - 1) % len(classes)]
            placement[pk] = (school_pk, class_pk)
            yield (pk, pk, school_pk, class_pk, "learner", joined)

    copy(
        Membership,
        ["id", "user_id", "organisation_id", "school_class_id", "role", "created_at"],
        memberships(),
    )
    reset_sequences(User, Membership)
    return placement


def seed_courses():
    from courses.models import CourseIndexPage, CoursePage, QuizPage
    from home.models import HomePage

    home = HomePage.objects.first()
    index = home.add_child(instance=CourseIndexPage(title="Khóa học", slug="khoa-hoc"))
    courses = []
    for n in range(COURSES):
        course = index.add_child(
            instance=CoursePage(
                title=f"Khóa học {n + 1}", slug=f"khoa-{n + 1}", summary="Tóm tắt"
            )
        )
        quiz = course.add_child(
            instance=QuizPage(title="Bài kiểm tra", slug="kiem-tra", questions=[])
        )
        courses.append((course.pk, quiz.pk))
    return courses


def seed_enrolments(placement, courses, rng):
    from certificates.models import Certificate
    from courses.models import Enrolment, QuizAttempt

    started, completed = [], []

    def enrolments():
        pk = 0
        per_learner = ENROLMENTS // LEARNERS
        extra = ENROLMENTS - per_learner * LEARNERS
        for user in range(1, LEARNERS + 1):
            school, school_class = placement[user]
            count = per_learner + (1 if user <= extra else 0)
            for course, _quiz in rng.sample(courses, count):
                pk += 1
                enrolled = START + timedelta(minutes=rng.randrange(400 * 24 * 60))
                start = done = score = None
                luck = rng.random()
                if luck < 0.7:
                    start = enrolled + timedelta(hours=rng.randrange(1, 24 * 20))
                    score = rng.randrange(20, 101)
                    started.append((pk, _quiz, start, score))
                if luck < 0.45:
                    done = start + timedelta(hours=rng.randrange(1, 24 * 60))
                    completed.append((pk, user, done))
                status = "completed" if done else "active"
                yield (pk, user, course, "class", status, enrolled, done, school,
                       school_class, start, score)  # fmt: skip

    copy(
        Enrolment,
        [
            "id",
            "user_id",
            "course_id",
            "source",
            "status",
            "enrolled_at",
            "completed_at",
            "organisation_id",
            "school_class_id",
            "started_at",
            "best_score",
        ],  # fmt: skip
        enrolments(),
    )
    copy(
        QuizAttempt,
        [
            "enrolment_id",
            "quiz_id",
            "number",
            "started_at",
            "submitted_at",
            "snapshot",
            "answers",
            "question_count",
            "correct_count",
            "score",
            "passed",
            "closed_late",
        ],  # fmt: skip
        (
            (
                pk,
                quiz,
                1,
                start,
                start + timedelta(minutes=10),
                "[]",
                "{}",
                10,
                score // 10,
                score,
                score >= 70,
                False,
            )  # fmt: skip
            for pk, quiz, start, score in started
        ),
    )
    copy(
        Certificate,
        [
            "enrolment_id",
            "holder_id",
            "status",
            "verification_code",
            "serial",
            "created_at",
            "queued_at",
            "issued_at",
            "attempts",
            "last_error",
            "holder_name",
            "holder_unit",
            "course_title",
            "issuing_body",
            "superior_body",
            "place_name",
            "signer_title",
            "signer_name",
            "pdf",
            "sha256",
            "revoked_reason",
        ],  # fmt: skip
        (
            # last_error, then the holder, course and signer texts, pdf, sha256
            # and revoked_reason: all blank
            (pk, user, "issued", f"B{pk:09d}", "", done, done, done, 1) + ("",) * 12
            for pk, user, done in completed
        ),
    )
    reset_sequences(Enrolment, QuizAttempt, Certificate)
    # COPY bypasses the quiz engine and the certificate issuer: set the marks they
    # keep on each enrolment the way a data repair would, set-based.
    from certificates import unfetched
    from courses import standing_failures

    for course, _quiz in courses:
        standing_failures.refresh_course(course)
    unfetched.refresh_all()
    return len(started), len(completed)


def seed_populations(communes, schools):
    """Target populations for 2026-2027: each school declares its youth-union
    members (every other one counted from its class lists), each office its staff,
    and every tenth commune a figure of its own (which wins over its units')."""
    from courses.models import Audience
    from reports.models import Population

    youth = Audience.objects.create(name="Đoàn viên", slug="doan-vien")
    staff = Audience.objects.create(name="Cán bộ một cửa", slug="can-bo-mot-cua")
    rows = []
    for i, (pk, _commune) in enumerate(schools):
        is_school = i % SCHOOLS_PER_COMMUNE < 2
        rows.append(
            Population(
                organisation_id=pk,
                audience=youth if is_school else staff,
                school_year="2026-2027",
                headcount=None if is_school and i % 2 else 400 + i % 900,
                counted_from_rosters=bool(is_school and i % 2),
            )
        )
    for c, (pk, _path) in enumerate(communes):
        if c % 10 == 0:
            rows.append(
                Population(
                    organisation_id=pk,
                    audience=youth,
                    school_year="2026-2027",
                    headcount=2_000,
                )
            )
    Population.objects.bulk_create(rows)
    return len(rows)
