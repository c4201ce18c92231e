"""Who may open what: every named URL × anonymous, learner, coordinator of another
school, viewer of another commune, editor, department administrator of another
commune — generated from the URL configuration.

Every id in a URL belongs to school A (tests/security/conftest.py); none of the people
trying it has anything to do with school A. A named URL without an entry here fails
``test_every_named_url_has_an_expectation``: a new view is reviewed before it ships.
"""

import pytest
from django.test import Client

from tests.security.routes import named_routes, url_for

ROLES = ("anonymous", "learner", "coordinator", "viewer", "editor")
WHO = {  # World attribute of each role; none of them belongs to school A
    "anonymous": None,
    "learner": "learner_b",
    "coordinator": "coordinator_b",
    "viewer": "viewer_b",
    "editor": "editor",
}
LOGIN = "login"  # a redirect to a sign-in page
HOME = "home"  # a redirect to the home page
NF = 404  # school A's object stays invisible: not even its existence is confirmed

# route: (method, anonymous, learner, coordinator, viewer, editor)
STAFF_PAGE = ("GET", LOGIN, NF, NF, NF, NF)
STAFF_ACTION = ("POST", LOGIN, NF, NF, NF, NF)
PUBLIC = ("GET", 200, 200, 200, 200, 200)
SIGNED_IN = ("GET", LOGIN, 200, 200, 200, 200)
EXPECTED = {
    # public
    "healthz": PUBLIC,
    # the installable app: its worker and manifest hold nothing personal
    "service_worker": PUBLIC,
    "web_manifest": PUBLIC,
    "javascript-catalog": PUBLIC,
    "search": PUBLIC,
    "search_autocomplete": PUBLIC,
    "switch_language": ("GET", HOME, HOME, HOME, HOME, HOME),
    "certificates:verify": PUBLIC,
    "certificates:verify_code": PUBLIC,  # verification is public by design
    "certificates:verify_credential": PUBLIC,  # the paste/upload form (POST: a check)
    "certificates:status_list": PUBLIC,  # the signed revocation list
    "credentials:jwks": PUBLIC,  # the issuer's public keys
    "credentials:did": PUBLIC,
    # public media (config/media.py): never a private file, whoever asks
    "media": ("GET", NF, NF, NF, NF, NF),
    # accounts
    "people:login": ("GET", 200, HOME, HOME, HOME, HOME),
    "people:logout": ("POST", HOME, HOME, HOME, HOME, HOME),
    "people:password_change": SIGNED_IN,
    # the processing notice: anyone reads it; acknowledging it needs a sign-in
    "people:privacy": PUBLIC,
    "people:password_reset": PUBLIC,
    "people:password_reset_done": PUBLIC,
    "people:password_reset_confirm": PUBLIC,  # a bad link: a page that says so
    "people:password_reset_complete": PUBLIC,
    # VNeID / OpenID Connect: nothing at all until a provider is configured (the
    # configured behaviour: tests/people/test_oidc_refusals.py and the browser test)
    "people:oidc_sign_in": ("GET", NF, NF, NF, NF, NF),
    "people:oidc_link": ("POST", NF, NF, NF, NF, NF),
    "people:oidc_callback": ("GET", NF, NF, NF, NF, NF),
    "courses:my_learning": SIGNED_IN,
    # a person's own data: no id in the URL, so everyone sees only their own; the
    # forms posted empty are a clear message
    "people:my_data": SIGNED_IN,
    "people:my_data_json": SIGNED_IN,
    "people:my_contact": ("POST", LOGIN, 400, 400, 400, 400),
    "people:my_request": ("POST", LOGIN, 400, 400, 400, 400),
    # dismissing a notice: learner A's stays; anyone else is sent back to My learning
    "courses:dismiss_notice": ("POST", LOGIN, 302, 302, 302, 302),
    # a course's offline pack (JSON): only for the learner's own enrolment
    "courses:offline_pack": ("GET", 401, NF, NF, NF, NF),
    # quiz autosave (JSON): learner A's attempt is nobody else's to write
    "courses:autosave": ("POST", 401, NF, NF, NF, NF),
    # focus signals (sendBeacon): likewise only the learner's own open attempt
    "courses:attempt_focus": ("POST", 401, NF, NF, NF, NF),
    # offline sync (JSON): only ever the signed-in person's own items; an empty
    # body is a clear 400 whoever sends it
    "courses:offline_sync": ("POST", 401, 400, 400, 400, 400),
    # coordinators: their own dashboard and upload form...
    "coordinator:home": ("GET", LOGIN, NF, 200, NF, NF),
    "coordinator:upload": ("GET", LOGIN, NF, 200, NF, NF),
    # ...and nothing of school A
    "coordinator:class": STAFF_PAGE,
    "coordinator:add_student": STAFF_ACTION,
    "coordinator:student": STAFF_PAGE,  # learner A's facts and legal basis
    "coordinator:remove_student": STAFF_ACTION,
    "coordinator:reset_passwords": STAFF_ACTION,
    "coordinator:import": STAFF_PAGE,
    "coordinator:import_status": STAFF_PAGE,
    "coordinator:import_confirm": STAFF_ACTION,
    "coordinator:import_errors": STAFF_PAGE,
    "coordinator:import_slips": STAFF_PAGE,
    "coordinator:sign_in_waits": STAFF_PAGE,
    "coordinator:lift_sign_in_wait": STAFF_ACTION,
    "class_courses:list": STAFF_PAGE,
    "class_courses:enrol": STAFF_ACTION,
    "class_courses:unenrol": STAFF_ACTION,
    "class_courses:quiz_window": STAFF_ACTION,
    "class_courses:exam_board": STAFF_PAGE,
    "class_courses:quiz_schedule": STAFF_ACTION,
    "class_courses:extra_time": STAFF_ACTION,
    "class_courses:quiz_results": STAFF_PAGE,
    "class_progress:progress": STAFF_PAGE,
    "class_progress:progress_csv": STAFF_PAGE,
    "class_progress:progress_xlsx": STAFF_PAGE,
    "certificates:download": STAFF_PAGE,  # learner A's own certificate
    "certificates:credential": STAFF_PAGE,  # ...and its signed credential (.json)
    "certificates:class_certificates": STAFF_PAGE,
    "certificates:class_zip": STAFF_ACTION,
    "certificates:class_archive": STAFF_PAGE,
    "certificates:class_archive_download": STAFF_PAGE,
    "certificates:reissue": STAFF_ACTION,
    "certificates:revoke": STAFF_PAGE,
    # statistics: a learner or an editor without a unit is refused outright; staff
    # of school B or commune B see their own area, and nothing of school A's
    "reports:dashboard": ("GET", LOGIN, 403, 200, 200, 403),
    "reports:unit": ("GET", LOGIN, 403, NF, NF, 403),
    "reports:class": ("GET", LOGIN, 403, NF, NF, 403),
    "reports:programmes": ("GET", LOGIN, 403, 200, 200, 403),  # their own area
    # viewers set targets, for units of their own area only
    "reports:targets": ("GET", LOGIN, 403, 403, 200, 403),
    # the table on screen: whoever sees statistics, for their own area
    "reports_exports:table": ("GET", LOGIN, 403, 200, 200, 403),
    # the learner list with personal data: coordinators only (viewers: figures)
    "reports_exports:start": ("GET", LOGIN, 403, 200, 403, 403),
    "reports_exports:list": ("GET", LOGIN, 403, 200, 200, 403),
    "reports_exports:job": ("GET", LOGIN, 403, NF, NF, 403),  # coordinator A's
    "reports_exports:download": ("GET", LOGIN, 403, NF, NF, 403),
    # stragglers and reminders: coordinators and department administrators, each
    # over their own units (school B's list holds nothing of school A's)
    "stragglers:list": ("GET", LOGIN, 403, 200, 403, 403),
    "stragglers:remind": ("POST", LOGIN, 403, 302, 403, 403),  # empty: a message
    "stragglers:digest": ("POST", LOGIN, 403, 302, 403, 403),
    "stragglers:job": ("GET", LOGIN, 403, NF, 403, 403),  # nobody else's job
    # populations: declared by department administrators over their subtree
    "populations_site:list": ("GET", LOGIN, 403, 403, 403, 403),
    "populations_site:edit": ("GET", LOGIN, 403, 403, 403, 403),
    # open data: public by design, no personal data
    "open_data:index": PUBLIC,
    "open_data:csv": PUBLIC,
    "open_data:json": PUBLIC,
    # department administrators: people, roles and moves of their subtree
    "people_admin:people": STAFF_PAGE,
    "people_admin:audit": STAFF_PAGE,
    "people_admin:person": STAFF_PAGE,
    "people_admin:appoint": STAFF_ACTION,
    "people_admin:remove_role": STAFF_ACTION,
    "people_admin:move": STAFF_PAGE,
    # personal data requests: coordinators (their school's) and department
    # administrators (their subtree's); learner A's request is school A's
    "data_requests:list": ("GET", LOGIN, NF, 200, NF, NF),
    "data_requests:file": STAFF_PAGE,
    "data_requests:detail": STAFF_PAGE,
    "data_requests:handle": STAFF_ACTION,
    "data_requests:copy": STAFF_PAGE,
    "data_requests:copy_json": STAFF_PAGE,
    # ...and their exam schedule, for the classes of their subtree
    "exam_schedule:schedule": STAFF_PAGE,
    # Wagtail's page tree and its sign-in for private pages
    "wagtail_serve": PUBLIC,
    "wagtailcore_login": PUBLIC,
}
# The department administrator of commune B: like a learner (no unit of theirs
# holds anything of school A's) except on their own pages. route: status
ADMINISTRATOR = {
    "people_admin:people": 200,
    "people_admin:audit": 200,
    "stragglers:list": 200,
    "stragglers:remind": 302,
    "stragglers:digest": 302,
    "stragglers:job": NF,
    "populations_site:list": 200,
    "populations_site:edit": NF,  # school A is not in commune B
    "exam_schedule:schedule": 200,
    "data_requests:list": 200,
}
ADMINISTRATOR_ROLE = ("administrator", "administrator_b")


def _administrator_expects(name, expected):
    return ADMINISTRATOR.get(name, expected[ROLES.index("learner")])


# The control: the right person does get in (so a 404 above is the scope check,
# not a broken URL). route: (World attribute, status)
OWNER = {
    "coordinator:class": ("coordinator_a", 200),
    "coordinator:add_student": ("coordinator_a", 400),  # empty form: a clear message
    "coordinator:student": ("coordinator_a", 200),
    "coordinator:remove_student": ("coordinator_a", 302),
    "coordinator:reset_passwords": ("coordinator_a", 200),  # the new slips (PDF)
    "coordinator:import": ("coordinator_a", 200),
    "coordinator:import_status": ("coordinator_a", 200),
    # empty form: the legal basis is asked for (people/consent.py), nothing applied
    "coordinator:import_confirm": ("coordinator_a", 400),
    "coordinator:import_errors": ("coordinator_a", 200),
    "coordinator:import_slips": ("coordinator_a", 200),
    "coordinator:sign_in_waits": ("coordinator_a", 200),
    "coordinator:lift_sign_in_wait": ("coordinator_a", 302),
    "class_courses:list": ("coordinator_a", 200),
    "class_courses:enrol": ("coordinator_a", 302),
    "class_courses:unenrol": ("coordinator_a", 302),
    "class_courses:quiz_window": ("coordinator_a", 302),
    "class_courses:exam_board": ("coordinator_a", 200),
    "class_courses:quiz_schedule": ("coordinator_a", 302),  # empty: nothing scheduled
    "class_courses:extra_time": ("coordinator_a", 400),  # empty form: a clear message
    "class_courses:quiz_results": ("coordinator_a", 200),
    "class_progress:progress": ("coordinator_a", 200),
    "class_progress:progress_csv": ("coordinator_a", 200),
    "class_progress:progress_xlsx": ("coordinator_a", 200),
    "certificates:download": ("learner_a", 200),
    "certificates:credential": ("learner_a", 200),
    "certificates:class_certificates": ("coordinator_a", 200),
    "certificates:class_zip": ("coordinator_a", 302),
    "certificates:class_archive": ("coordinator_a", 200),
    "certificates:class_archive_download": ("coordinator_a", 200),
    "certificates:reissue": ("coordinator_a", 302),
    "certificates:revoke": ("coordinator_a", 200),
    "courses:autosave": ("learner_a", 400),  # empty answers: a clear message
    "courses:attempt_focus": ("learner_a", 400),  # no numbers: a clear message
    "reports:unit": ("coordinator_a", 200),
    "reports:class": ("coordinator_a", 200),
    "reports_exports:job": ("coordinator_a", 200),
    "reports_exports:download": ("coordinator_a", 200),
    "people_admin:person": ("administrator_a", 200),
    "people_admin:appoint": ("administrator_a", 400),  # empty form: a clear message
    "people_admin:remove_role": ("administrator_a", 400),
    "people_admin:move": ("administrator_a", 200),
    "populations_site:edit": ("administrator_a", 200),
    "data_requests:file": ("coordinator_a", 200),
    "data_requests:detail": ("administrator_a", 200),
    "data_requests:handle": ("coordinator_a", 400),  # empty form: a clear message
    "data_requests:copy": ("coordinator_a", 200),
    "data_requests:copy_json": ("administrator_a", 200),
}
# Whole areas owned by Django or Wagtail, checked with one URL each.
PREFIX_RULES = {
    "admin/": ("/admin/", ("GET", LOGIN, LOGIN, LOGIN, LOGIN, 200)),
    "django-admin/": ("/django-admin/", ("GET", LOGIN, LOGIN, LOGIN, LOGIN, LOGIN)),
    "documents/": ("/documents/999999/x.pdf", ("GET", NF, NF, NF, NF, NF)),
    "_util/": ("/_util/login/", PUBLIC),
    # The API for other systems takes bearer tokens of API clients only: a portal
    # session (even a superuser's) is no credential there (tests/reports/test_api.py).
    "api/v1/": ("/api/v1/units", ("GET", 401, 401, 401, 401, 401)),
}
SPECIAL_URLS = {
    "wagtail_serve": "/",
    "media": "/media/../private/certificates/pdf/a.pdf",
}
# Routes still to be reviewed are reported as skipped, not passed.
PENDING_REVIEW = ()

ROUTES = named_routes()


def _covered_by_prefix(pattern):
    return next((p for p in PREFIX_RULES if pattern.startswith(p)), None)


def _pending(pattern):
    return pattern.startswith(PENDING_REVIEW)


def test_every_named_url_has_an_expectation():
    missing = sorted(
        name
        for name, pattern in ROUTES.items()
        if name not in EXPECTED
        and not _covered_by_prefix(pattern)
        and not _pending(pattern)
    )
    assert not missing, f"named URLs nobody has reviewed: {missing}"


def test_no_expectation_for_a_url_that_is_gone():
    assert not sorted(set(EXPECTED) - set(ROUTES))
    assert not sorted(set(OWNER) - set(EXPECTED))


def _client_for(world, attribute):
    client = Client(raise_request_exception=False)
    if attribute:
        client.force_login(getattr(world, attribute))
    return client


def _outcome(response):
    if response.status_code == 302:
        location = response["Location"]
        if "/dang-nhap/" in location or "/login/" in location:
            return LOGIN
        if location in ("/", "http://testserver/"):
            return HOME
    return response.status_code


def _check(world, url, method, expected, administrator=None):
    problems = []
    who = [(role, WHO[role]) for role in ROLES]
    if administrator is not None:
        who.append(ADMINISTRATOR_ROLE)
        expected = [*expected, administrator]
    for (role, attribute), wanted in zip(who, expected, strict=True):
        client = _client_for(world, attribute)
        got = _outcome(getattr(client, method.lower())(url))
        if got != wanted:
            problems.append(f"{role}: {got}, expected {wanted}")
    return problems


@pytest.fixture(autouse=True)
def _no_sign_in_throttling(settings):
    settings.AXES_ENABLED = False  # force_login; throttling has its own tests


@pytest.mark.parametrize(
    "name", sorted(n for n, p in ROUTES.items() if not _covered_by_prefix(p))
)
@pytest.mark.django_db
def test_permission_matrix(name, request):
    pattern = ROUTES[name]
    if _pending(pattern):
        pytest.skip("PENDING_REVIEW: no reviewed expectation yet (TODO for the lead)")
    if name not in EXPECTED:
        pytest.fail(f"{name} ({pattern}) has no expectation")
    world = request.getfixturevalue("world")
    url = SPECIAL_URLS.get(name) or url_for(name, pattern, world)
    method, *statuses = EXPECTED[name]
    administrator = _administrator_expects(name, statuses)
    problems = _check(world, url, method, statuses, administrator)
    assert not problems, f"{method} {url}: " + "; ".join(problems)
    if name in OWNER:
        attribute, wanted = OWNER[name]
        response = getattr(_client_for(world, attribute), method.lower())(url)
        assert response.status_code == wanted, f"{attribute} on {url}"


@pytest.mark.parametrize("prefix", sorted(PREFIX_RULES))
@pytest.mark.django_db
def test_prefix_areas(prefix, world):
    url, (method, *statuses) = PREFIX_RULES[prefix]
    problems = _check(
        world, url, method, statuses, _administrator_expects("", statuses)
    )
    assert not problems, f"{method} {url}: " + "; ".join(problems)
