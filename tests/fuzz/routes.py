"""Every leaf of the URL configuration, and concrete paths for it.

Enumerated from the resolver (nothing hand-listed), so a route added later is fuzzed
without anyone touching this suite. Each URL part is filled from a pool named after
it (``KWARG_POOLS``): ids of real objects of every unit, plus ids nobody has and
numbers that overflow. A part whose name has no pool makes its route "uncovered",
and ``test_every_route_is_covered`` fails until the pool is added here.
"""

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern

# URL part name -> model whose ids fill it ("app_label.Model"), or a list of texts.
KWARG_POOLS = {
    "class_id": "people.SchoolClass",
    "unit_id": "people.Organisation",
    "user_id": "people.User",
    "import_id": "people.RosterImport",
    "archive_id": "certificates.ClassArchive",
    "job_id": "reports.ExportJob",
    "request_id": "people.DataRequest",
    "notice_id": "courses.Notice",
    "attempt_id": "courses.QuizAttempt",
    "course_id": "courses.CoursePage",
    "quiz_id": "courses.QuizPage",
    "bank_id": "courses.QuestionBank",
    "pk": "*",  # any model: every id in use
    "id": "*",
    "object_id": "*",
    "page_id": "wagtailcore.Page",
    "page_pk": "wagtailcore.Page",
    "parent_page_id": "wagtailcore.Page",
    "page_to_move_id": "wagtailcore.Page",
    "destination_id": "wagtailcore.Page",
    "revision_id": "wagtailcore.Revision",
    "revision_id_a": "wagtailcore.Revision",
    "revision_id_b": "wagtailcore.Revision",
    "image_id": "wagtailimages.Image",
    "document_id": "wagtaildocs.Document",
    "doc_id": "wagtaildocs.Document",
    "collection_id": "wagtailcore.Collection",
    "redirect_id": "wagtailredirects.Redirect",
    "query_id": "wagtailsearchpromotions.Query",
    "workflow_pk": "wagtailcore.Workflow",
    "task_id": "wagtailcore.Task",
    "task_state_id": "wagtailcore.TaskState",
    "workflow_state_id": "wagtailcore.WorkflowState",
    "restriction_id": "wagtailcore.PageViewRestriction",
    "page_view_restriction_id": "wagtailcore.PageViewRestriction",
    "session_id": "wagtailadmin.EditingSession",
    "uploaded_file_id": "wagtailcore.UploadedFile",
    "content_type_id": "contenttypes.ContentType",
    "code": "certificates.Certificate.verification_code",
    "language": ["en", "vi", "fr", "vi-VN"],
    "uidb64": ["MQ", "Mg", "AAAA", "-"],
    "token": ["set-password", "abc-123", "x" * 40],
    "app_label": ["people", "courses", "certificates", "auth", "wagtailimages"],
    "app_name": ["people", "courses", "certificates", "reports"],
    "content_type_app_name": ["courses", "home", "wagtailcore", "people"],
    "model_name": ["schoolclass", "audience", "certificatetemplate", "user"],
    "content_type_model_name": ["lessonpage", "quizpage", "coursepage", "page"],
    "action": ["copy", "move", "publish", "delete", "unpublish"],
    "action_name": ["copy", "move", "publish", "delete", "unpublish"],
    "filter_spec": ["original", "fill-100x100", "width-99999999", "max-0x0"],
    "url": ["", "auth/user/", "people/user/1/change/", "x/../../"],
    "path": ["", "khoa-hoc/", "khoa-hoc/fz-an-toan-so/", "khong-co/"],
    "any": ["x/", "pages/999/", "%E2%80%AE/"],
    "digits": "*",
    "text": ["x", "tai-lieu.pdf", "..", "%2e%2e"],
    "fmt": ["xlsx", "csv", "gift", "aiken", "pdf", "", "../x"],
}
# Routes that answer 500 on purpose; not fuzzed.
DELIBERATE_ERRORS = {
    "wagtailadmin_error_test": "Wagtail's /admin/failwhale/ raises to test error mail",
}
BAD_IDS = [0, 1, 2, 999_999, 2**31, 2**63 - 1, 2**63, 10**30]
_GROUP = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


@dataclass
class Route:
    key: str  # the full pattern text, unique
    name: str | None
    parts: list  # [(name, kind)] in order; kind: "int", "str", "slug", "path", "regex"
    template: str  # path with {0}, {1}… where the parts go
    regexes: list = field(default_factory=list)  # per part: regex it must match

    @property
    def label(self):
        return self.name or self.key


def _regex_groups(text):
    """Split a regex pattern into literal text and its top-level groups."""
    out, depth, start, literal = [], 0, None, []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and depth == 0:
            literal.append(text[i + 1] if i + 1 < len(text) else "")
            i += 2
            continue
        if char == "(":
            if depth == 0:
                out.append(("lit", "".join(literal)))
                literal, start = [], i
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                out.append(("group", text[start + 1 : i]))
        elif depth == 0 and char not in "^$":
            literal.append(char)
        i += 1
    out.append(("lit", "".join(literal)))
    return out


def _route_from(prefix_parts, name):
    template, parts, regexes = "", [], []
    for kind, text in prefix_parts:
        if kind == "route":
            position = 0
            for match in _GROUP.finditer(text):
                template += (
                    text[position : match.start()].replace("{", "{{").replace("}", "}}")
                )
                conv = match["conv"] or "str"
                template += "{" + str(len(parts)) + "}"
                parts.append((match["name"], conv))
                regexes.append(None)
                position = match.end()
            template += text[position:]
        else:
            for piece_kind, piece in _regex_groups(text):
                if piece_kind == "lit":
                    template += piece.replace("{", "{{").replace("}", "}}")
                    continue
                named = re.match(r"\?P<(\w+)>(.*)", piece, re.DOTALL)
                part_name, body = (named[1], named[2]) if named else (None, piece)
                if part_name is None:
                    part_name = {
                        r"\d+": "digits",
                        ".*": "text",
                        r"(?:[\w\-]+/)*": "path",
                    }.get(body, "text")
                template += "{" + str(len(parts)) + "}"
                parts.append((part_name, "regex"))
                regexes.append(body)
    return template, parts, regexes


def all_routes():
    """Every leaf pattern of the URL configuration, as a Route."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            kind = "regex" if isinstance(entry.pattern, RegexPattern) else "route"
            text = (
                entry.pattern._route
                if isinstance(entry.pattern, RoutePattern)
                else entry.pattern._regex
            )
            here = [*prefix, (kind, text)]
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, here)
            elif isinstance(entry, URLPattern):
                if not text.startswith("^") and kind == "regex":
                    here[-1] = ("regex", "^" + text)  # a catch-all
                template, parts, regexes = _route_from(here, entry.name)
                key = "".join(t for _k, t in here)
                found.append(Route(key, entry.name, parts, template, regexes))

    walk(get_resolver().url_patterns, [])
    seen, unique = set(), []
    for route in found:
        if route.name in DELIBERATE_ERRORS:
            continue
        if route.key not in seen:
            seen.add(route.key)
            unique.append(route)
    return unique


def page_routes():
    """The page types' own routes (Wagtail's page tree and routable sub-pages),
    through a live page of each type. A type with no live page is uncovered."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import get_page_models

    found = []
    for model in get_page_models():
        if not model.is_creatable:
            continue
        label = model._meta.label
        page = model.objects.live().order_by("-depth", "pk").first()
        url = page.url if page is not None else None
        if url is None:
            found.append(Route(f"page:{label}", None, [("no_live_page", "str")], ""))
            continue
        base = url.lstrip("/").replace("{", "{{").replace("}", "}}")
        subpatterns = [""]
        if issubclass(model, RoutablePageMixin):
            subpatterns = [
                entry.pattern._route
                for entry in page.get_subpage_urls()
                if isinstance(entry.pattern, RoutePattern)
            ]
        for sub in subpatterns:
            template, parts, regexes = _route_from([("route", sub)], None)
            found.append(
                Route(f"page:{label}:{sub}", None, parts, base + template, regexes)
            )
    return found


def id_pools():
    """{part name: [values]}: real ids of every object (any unit), then bad ones."""
    every_id = set()
    pools = {}
    for name, source in KWARG_POOLS.items():
        if isinstance(source, list):
            pools[name] = list(source)
        elif source == "*":
            continue
        else:
            label, _, column = source.partition(".")[2].partition(".")
            model = apps.get_model(source.split(".")[0], label)
            values = list(
                model.objects.order_by("pk").values_list(column or "pk", flat=True)[:50]
            )
            if not column:
                every_id.update(values)
            pools[name] = [str(v) for v in values]
    for name, source in KWARG_POOLS.items():
        if source == "*":
            pools[name] = [str(v) for v in sorted(every_id)[:80]]
    for name, source in KWARG_POOLS.items():
        if not isinstance(source, list):
            pools[name] += [str(v) for v in BAD_IDS]
    return pools


def uncovered(route):
    """Part names of ``route`` that no pool fills."""
    return [name for name, _kind in route.parts if name not in KWARG_POOLS]


def fill(route, values):
    """The path for ``values`` (one per part), with a leading slash."""
    return "/" + route.template.format(*values)


def resolves_to(route, path):
    if route.key.startswith("page:"):
        return True  # served through wagtail_serve, by the page itself
    try:
        match = resolve(path)
    except (Resolver404, ValueError):
        return False
    return match.route == route.key or _same(match, route)


def _same(match, route):
    normalised = route.key.replace("^", "").replace("$", "")
    return match.route.replace("^", "").replace("$", "") == normalised
