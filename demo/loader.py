"""Load the Vietnamese demo content: one plain function per part, all idempotent.

Every object is matched by its natural key (audience slug, organisation code, class
name + school year, username, page slug under its parent) and only created when it is
missing. Nothing that already exists is overwritten: a second run writes nothing, adds
no page revision and resets no password. The home page and the portal settings are
filled in only while they still hold the values a fresh install gives them.
"""

from datetime import date
from pathlib import Path

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision, Site, Task, Workflow

from courses.models import Audience
from home.models import PortalSettings
from home.page_slugs import asciify_page_slugs
from home.workflow_names import name_default_workflow
from people.identity_numbers import digest
from people.models import Membership, Organisation, SchoolClass, User
from people.organisation_import import import_units, read_units
from reports.populations.importing import read_populations, save_populations

from . import banks
from .certificate_templates import load_certificate_template
from .pages import load_pages
from .programmes import load_programme

DEMO_PASSWORD = "demo-2026"  # noqa: S105 - the published password of the demo accounts
ORGANISATIONS_CSV = Path(__file__).with_name("content") / "organisations.csv"
POPULATIONS_CSV = Path(__file__).with_name("content") / "populations.csv"
PROVINCE_CODE = "19"
SCHOOL_CODE = "19-T01"
ONE_STOP_CODE = "19-MC01"
SCHOOL_YEAR = "2026-2027"
EDITORS_GROUP = "Editors"  # created by Wagtail's own migrations
MODERATORS_GROUP = "Moderators"  # idem: approves and publishes what editors submit

AUDIENCES = [
    {
        "slug": "doan-vien",
        "name": "Đoàn viên thanh niên trong trường học",
        "organisation_kind": Organisation.Kind.SCHOOL,
        "description": (
            "Học sinh là đoàn viên thanh niên ở các trường trung học phổ thông: công "
            "dân số an toàn và tình nguyện hỗ trợ người dân dùng dịch vụ công."
        ),
    },
    {
        "slug": "can-bo-mot-cua",
        "name": "Cán bộ Bộ phận một cửa",
        "organisation_kind": Organisation.Kind.ONE_STOP_OFFICE,
        "description": (
            "Cán bộ tiếp nhận và trả kết quả tại các Trung tâm Phục vụ hành chính "
            "công xã, phường: số hóa hồ sơ, hướng dẫn nộp hồ sơ và thanh toán trực "
            "tuyến."
        ),
    },
    {
        "slug": "moi-nguoi",
        "name": "Mọi người dân",
        "description": "Kỹ năng số cơ bản dành cho mọi người dân trong tỉnh.",
    },
]

# (name, grade) at the demo school.
CLASSES = [("10A1", 10), ("10A2", 10), ("11A1", 11)]

# The accounts printed at the end of load_demo. ``memberships`` holds
# (organisation code, role, class name or None).
ACCOUNTS = [
    {
        "username": "admin",
        "role_label": "Quản trị hệ thống",
        "full_name": "Nguyễn Quang Huy",
        "gender": User.Gender.MALE,
        "date_of_birth": date(1986, 3, 12),
        "email": "admin@demo.example.vn",
        "is_staff": True,
        "is_superuser": True,
    },
    {
        "username": "bientap",
        "role_label": "Biên tập nội dung (trang quản trị Wagtail)",
        "full_name": "Trần Thu Hà",
        "gender": User.Gender.FEMALE,
        "date_of_birth": date(1990, 7, 25),
        "email": "bientap@demo.example.vn",
        "is_staff": True,
        "groups": [EDITORS_GROUP],
    },
    {
        "username": "duyet",
        "role_label": "Kiểm duyệt nội dung: duyệt và xuất bản bài của biên tập viên",
        "full_name": "Lương Minh Tuấn",
        "gender": User.Gender.MALE,
        "date_of_birth": date(1984, 10, 6),
        "email": "duyet@demo.example.vn",
        "is_staff": True,
        "groups": [MODERATORS_GROUP],
    },
    {
        "username": "sogd",
        "role_label": "Sở GD&ĐT: thống kê và quản trị người dùng toàn tỉnh",
        "full_name": "Hoàng Văn Thắng",
        "gender": User.Gender.MALE,
        "date_of_birth": date(1979, 11, 2),
        "email": "sogd@demo.example.vn",
        "memberships": [
            (PROVINCE_CODE, Membership.Role.VIEWER, None),
            (PROVINCE_CODE, Membership.Role.ADMINISTRATOR, None),
        ],
    },
    {
        "username": "giaovien",
        "role_label": "Điều phối viên, Trường THPT Bắc Kạn",
        "full_name": "Nông Thị Hạnh",
        "gender": User.Gender.FEMALE,
        "date_of_birth": date(1988, 4, 18),
        "email": "giaovien@demo.example.vn",
        "memberships": [(SCHOOL_CODE, Membership.Role.COORDINATOR, None)],
    },
    {
        "username": "hocsinh",
        "role_label": "Học sinh lớp 10A1, Trường THPT Bắc Kạn",
        "full_name": "Hoàng Đức Nam",
        "gender": User.Gender.MALE,
        "date_of_birth": date(2011, 9, 14),
        "student_code": "T01-2026-001",
        "memberships": [(SCHOOL_CODE, Membership.Role.LEARNER, "10A1")],
    },
    {
        "username": "motcua",
        "role_label": "Cán bộ một cửa, phường Đức Xuân (học viên)",
        "full_name": "Triệu Thị Thanh Loan",
        "gender": User.Gender.FEMALE,
        "date_of_birth": date(1993, 1, 30),
        "email": "motcua@demo.example.vn",
        "memberships": [(ONE_STOP_CODE, Membership.Role.LEARNER, None)],
    },
]

# More students so the school has class lists: (full name, gender, birth date, class).
_F, _M = User.Gender.FEMALE, User.Gender.MALE
CLASSMATES = [
    ("Hoàng Minh Anh", _F, date(2011, 5, 3), "10A1"),
    ("Nông Văn Bảo", _M, date(2011, 2, 21), "10A1"),
    ("Lý Thị Hồng Nhung", _F, date(2011, 8, 9), "10A1"),
    ("Triệu Đức Duy", _M, date(2011, 12, 1), "10A1"),
    ("Ma Thị Thu Trang", _F, date(2011, 6, 27), "10A1"),
    ("Đàm Quốc Việt", _M, date(2011, 3, 15), "10A2"),
    ("Hà Thị Ngọc Ánh", _F, date(2011, 10, 5), "10A2"),
    ("Lục Văn Toàn", _M, date(2011, 1, 11), "10A2"),
    ("Bế Thị Phương Thảo", _F, date(2011, 7, 19), "10A2"),
    ("Dương Gia Huy", _M, date(2011, 4, 8), "10A2"),
]

# Colleagues of "motcua" at the one-stop office: (username, full name, gender, birth).
# One of them has completed the one-stop programme (demo/programmes.py).
ONE_STOP_COLLEAGUES = [
    ("motcua.02", "Lăng Văn Thành", _M, date(1990, 11, 23)),
]

PORTAL_SETTINGS = {
    "portal_name": "Cổng tập huấn kỹ năng số tỉnh Thái Nguyên",
    "tagline": (
        "Chung tay xây dựng chính quyền số, kinh tế số, xã hội số: mỗi người dân "
        "một kỹ năng số."
    ),
    "issuing_body": "Sở Giáo dục và Đào tạo tỉnh Thái Nguyên",
    "issuing_place": "Thái Nguyên",
    "contact_email": "hotro@demo.example.vn",
    "contact_phone": "0208 3000 000",
}


# --------------------------------------------------------------------------- parts


def load_audiences():
    """The three audiences, matched by slug. Returns how many were created."""
    created = 0
    for spec in AUDIENCES:
        if Audience.objects.filter(slug=spec["slug"]).exists():
            continue
        if Audience.objects.filter(name=spec["name"]).exists():
            continue  # an editor already made it under another slug: keep theirs
        Audience.objects.create(**spec)
        created += 1
    return created


def _audiences_by_slug():
    """The demo audiences by their demo slug, also when an editor made one first."""
    found = {}
    for spec in AUDIENCES:
        audience = Audience.objects.filter(slug=spec["slug"]).first()
        found[spec["slug"]] = audience or Audience.objects.get(name=spec["name"])
    return found


def load_organisations(path=ORGANISATIONS_CSV):
    """The organisation tree, matched by code (people.organisation_import).

    Existing units are left where they are (never moved or renamed).
    Returns how many were created.
    """
    existing = set(Organisation.objects.values_list("code", flat=True))
    rows = [r for r in read_units(path.read_bytes()) if r["code"] not in existing]
    return import_units(rows)["created"] if rows else 0


def load_populations(path=POPULATIONS_CSV):
    """Target populations of the demo units (the import_populations format): the
    leaves declare, communes and the province roll up; the demo school counts its
    class lists. Missing figures are added, declared ones never changed.
    Returns how many were created."""
    rows = read_populations(path.read_bytes())
    return save_populations(rows, overwrite=False)["created"]


def load_classes():
    """Classes 10A1, 10A2 and 11A1 at the demo school. Returns how many were created."""
    school = Organisation.objects.get(code=SCHOOL_CODE)
    created = 0
    for name, grade in CLASSES:
        _, made = SchoolClass.objects.get_or_create(
            organisation=school,
            school_year=SCHOOL_YEAR,
            name=name,
            defaults={"grade": grade},
        )
        created += made
    return created


def _citizen_id(gender, born, number):
    """A made-up 12-digit personal ID shaped like a real one.

    Province code 019, then a digit for century and gender, the year of birth's last
    two digits and a serial number.
    """
    century = 0 if born.year < 2000 else 2
    return f"019{century + (gender == User.Gender.FEMALE)}{born:%y}{number:06d}"


def _people():
    """All demo people as one list of specs: the six accounts, then the classmates."""
    people = [dict(spec) for spec in ACCOUNTS]
    for number, (full_name, gender, born, class_name) in enumerate(CLASSMATES, start=2):
        people.append(
            {
                "username": f"hs.{class_name.lower()}.{number:02d}",
                "full_name": full_name,
                "gender": gender,
                "date_of_birth": born,
                "student_code": f"T01-2026-{number:03d}",
                "memberships": [(SCHOOL_CODE, Membership.Role.LEARNER, class_name)],
            }
        )
    for username, full_name, gender, born in ONE_STOP_COLLEAGUES:
        people.append(
            {
                "username": username,
                "full_name": full_name,
                "gender": gender,
                "date_of_birth": born,
                "memberships": [(ONE_STOP_CODE, Membership.Role.LEARNER, None)],
            }
        )
    for number, spec in enumerate(people, start=1):
        spec.setdefault(
            "citizen_id",
            _citizen_id(spec["gender"], spec["date_of_birth"], number),
        )
    return people


def _admin_group(name):
    """One of Wagtail's groups ("Editors", "Moderators"), with access to the admin."""
    group, _ = Group.objects.get_or_create(name=name)
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    if not group.permissions.filter(pk=access_admin.pk).exists():
        group.permissions.add(access_admin)
    return group


def load_users():
    """Demo accounts and their memberships, matched by username.

    An existing account keeps its password and details; only missing group and
    membership links are added. Returns (accounts created, memberships created).
    """
    organisations = {
        org.code: org
        for org in Organisation.objects.filter(
            code__in=[PROVINCE_CODE, SCHOOL_CODE, ONE_STOP_CODE]
        )
    }
    classes = {
        cls.name: cls
        for cls in SchoolClass.objects.filter(
            organisation=organisations[SCHOOL_CODE], school_year=SCHOOL_YEAR
        )
    }
    groups = {name: _admin_group(name) for name in (EDITORS_GROUP, MODERATORS_GROUP)}
    password_hash = None  # hashed once: the strong hasher is slow by design
    users_created = memberships_created = 0

    people = _people()
    # Numbers already held (matched on their keyed hash, one query): a demo account
    # never takes a real account's number.
    taken = set(
        User.objects.filter(
            citizen_id_digest__in=[digest(spec["citizen_id"]) for spec in people]
        ).values_list("citizen_id_digest", flat=True)
    )
    for spec in people:
        user = User.objects.filter(username=spec["username"]).first()
        if user is None:
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            citizen_id = spec["citizen_id"]
            if digest(citizen_id) in taken:
                citizen_id = ""
            user = User(
                username=spec["username"],
                full_name=spec["full_name"],
                gender=spec["gender"],
                date_of_birth=spec["date_of_birth"],
                email=spec.get("email", ""),
                student_code=spec.get("student_code", ""),
                citizen_id=citizen_id,
                is_staff=spec.get("is_staff", False),
                is_superuser=spec.get("is_superuser", False),
                must_change_password=False,
                password=password_hash,
            )
            user.save()
            users_created += 1
        for name in spec.get("groups", []):
            if not user.groups.filter(pk=groups[name].pk).exists():
                user.groups.add(groups[name])
        for code, role, class_name in spec.get("memberships", []):
            _, made = Membership.objects.get_or_create(
                user=user,
                organisation=organisations[code],
                role=role,
                school_class=classes.get(class_name),
            )
            memberships_created += made
    return users_created, memberships_created


def load_settings():
    """Portal branding for the default site.

    A field is filled in only while it is blank or still holds the model's default.
    Returns True when something was saved.
    """
    site = Site.objects.get(is_default_site=True)
    portal = PortalSettings.for_site(site)
    changed = False
    for name, value in PORTAL_SETTINGS.items():
        current = getattr(portal, name)
        if current == value:
            continue
        if current in ("", None, PortalSettings._meta.get_field(name).get_default()):
            setattr(portal, name, value)
            changed = True
    if changed:
        portal.save()
    if not site.site_name:  # printed on login slips (people.rosters.jobs)
        site.site_name = PORTAL_SETTINGS["portal_name"]
        site.save(update_fields=["site_name"])
        changed = True
    return changed


# --------------------------------------------------------------------------- whole


def load_demo():
    """Load every part in one transaction: all or nothing. Returns the counts."""
    with transaction.atomic():
        audiences = load_audiences()
        organisations = load_organisations()
        classes = load_classes()
        users, memberships = load_users()
        populations = load_populations()
        questions = banks.load_exam_bank()
        pages = load_pages(_audiences_by_slug())
        programmes = load_programme()
        exams = banks.open_demo_exam()  # issue 15.4: only once QuizPage.kind exists
        settings_changed = load_settings()
        certificate_templates = load_certificate_template()
        workflow_renamed = name_default_workflow(Workflow, Task)
        slugs_renamed = asciify_page_slugs(Page, Revision, Redirect, Site)
    return {
        "audiences": audiences,
        "organisations": organisations,
        "classes": classes,
        "users": users,
        "memberships": memberships,
        "populations": populations,
        "pages": pages,
        "programmes": programmes,
        "questions": questions,
        "exams": exams,
        "settings": int(settings_changed),
        "certificate_templates": certificate_templates,
        "workflow_names": workflow_renamed,
        "ascii_slugs": slugs_renamed,
    }


def demo_accounts():
    """The demo accounts for the summary table.

    Each row: username, role in Vietnamese, and the password if it is still
    ``demo-2026`` (an account that existed before, or whose password was changed,
    shows a note instead).
    """
    users = {
        user.username: user
        for user in User.objects.filter(
            username__in=[spec["username"] for spec in ACCOUNTS]
        )
    }
    checked = {}  # accounts made together share one hash: check each hash once
    rows = []
    for spec in ACCOUNTS:
        user = users.get(spec["username"])
        if user is not None and user.password not in checked:
            checked[user.password] = check_password(DEMO_PASSWORD, user.password)
        if user is None:
            shown = "(chưa có)"
        elif checked[user.password]:
            shown = DEMO_PASSWORD
        else:
            shown = "(đã đổi, giữ nguyên)"
        rows.append((spec["username"], spec["role_label"], shown))
    return rows
