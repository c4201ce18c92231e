"""The layers of pyproject.toml hold in templates and URL names too, where
import-linter cannot see: a room never includes, extends or reverses a higher room's
template or URL name (people/class_tabs.py and courses/enrolment_badges.py carry
such links upwards)."""

import ast
import re
import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template.backends.django import get_installed_libraries
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(settings.BASE_DIR)
TEMPLATE_TAG = re.compile(r"""\{%\s*(url|include|extends)\s+["']([^"']+)["']""")
LOAD_TAG = re.compile(r"\{%\s*load\s+([\w\s]+?)\s*%\}")


def layer_ranks():
    """{room: (rank, layer)}: a higher rank is a higher layer."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]
    layers = next(
        c["layers"]
        for c in config["importlinter"]["contracts"]
        if c["type"] == "layers"
    )
    ranks = {}
    for rank, layer in enumerate(reversed(layers)):
        for room in layer.split("|"):
            ranks[room.strip()] = (rank, room.strip())
    return ranks


def url_name_rooms(resolver=None, namespace="", room="config"):
    """{"namespace:name": room whose urls module defines it}."""
    resolver = resolver or get_resolver()
    found = {}
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", "")
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            found.update(url_name_rooms(pattern, inner, module.split(".")[0]))
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.setdefault(f"{namespace}{pattern.name}", room)
    return found


def template_dir_rooms():
    rooms = {}
    for app in apps.get_app_configs():
        for folder in (Path(app.path) / "templates").glob("*"):
            rooms.setdefault(folder.name, app.label)
    return rooms


def crossings():
    ranks = layer_ranks()
    url_rooms = url_name_rooms()
    template_rooms = template_dir_rooms()

    def crosses(source, target):
        if source not in ranks or target not in ranks:
            return False
        return ranks[target][0] > ranks[source][0] or (
            ranks[target][0] == ranks[source][0] and target != source
        )

    libraries = {
        name: module.split(".")[0] for name, module in get_installed_libraries().items()
    }
    found = []
    for room in ranks:
        if room == "config" or not (ROOT / room).is_dir():
            continue
        for path in sorted((ROOT / room).rglob("*")):
            where = path.relative_to(ROOT)
            if "migrations" in where.parts:
                continue
            if path.suffix in (".html", ".txt") and "templates" in where.parts:
                for kind, name in TEMPLATE_TAG.findall(path.read_text()):
                    target = (
                        url_rooms.get(name)
                        if kind == "url"
                        else template_rooms.get(name.split("/")[0])
                    )
                    if crosses(room, target):
                        found.append(f"{where}: {kind} {name} ({target})")
                for names in LOAD_TAG.findall(path.read_text()):
                    for name in names.split():
                        if crosses(room, libraries.get(name)):
                            found.append(f"{where}: load {name}")
            elif path.suffix == ".py":
                for node in ast.walk(ast.parse(path.read_text())):
                    if isinstance(node, ast.Constant) and isinstance(node.value, str):
                        target = (
                            url_rooms.get(node.value) if ":" in node.value else None
                        )
                        if crosses(room, target):
                            found.append(f"{where}: {node.value} ({target})")
    return found


def test_the_url_map_and_templates_are_read():
    url_rooms = url_name_rooms()
    assert url_rooms["class_progress:progress"] == "reports"
    assert url_rooms["certificates:class_certificates"] == "certificates"
    assert url_rooms["coordinator:class"] == "people"
    assert template_dir_rooms()["certificates"] == "certificates"


def test_no_room_reaches_a_higher_one_in_templates_or_url_names():
    assert crossings() == []
