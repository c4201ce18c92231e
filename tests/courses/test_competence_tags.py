"""Competence tags: the national frameworks shipped as data, the command that
updates them, and the tags shown on a course page."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from courses.competence_frameworks import DATA_FILE, load, read_entries
from courses.models import CompetenceTag
from tests.factories import CourseFactory, UserFactory

pytestmark = pytest.mark.django_db

TT02_DOMAINS = {
    "1": "Khai thác dữ liệu và thông tin",
    "2": "Giao tiếp và hợp tác trong môi trường số",
    "3": "Sáng tạo nội dung số",
    "4": "An toàn",
    "5": "Giải quyết vấn đề",
    "6": "Ứng dụng trí tuệ nhân tạo",
}


def snapshot_of_tags():
    return sorted(
        CompetenceTag.objects.values_list(
            "framework", "code", "name", "parent__code", "sort_order"
        )
    )


def test_the_migration_loads_the_verified_frameworks():
    tt02 = CompetenceTag.objects.filter(framework="tt02")
    domains = dict(tt02.filter(parent=None).values_list("code", "name"))
    assert domains == TT02_DOMAINS  # six domains, the AI one included
    qd757 = CompetenceTag.objects.filter(framework="qd757")
    assert dict(qd757.filter(parent=None).values_list("code", "name")) == {
        "0": "Sử dụng thiết bị và phần mềm trên thiết bị",
        "1": "Kỹ năng tìm kiếm, khai thác thông tin trên môi trường Internet",
    }
    assert set(qd757.filter(parent__code="0").values_list("code", flat=True)) == {
        "0.1",
        "0.2",
    }
    # Nothing unverified is loaded by default.
    unverified = {
        (f, e["code"])
        for f, spec in json.loads(DATA_FILE.read_text(encoding="utf-8"))[
            "frameworks"
        ].items()
        for e in spec["entries"]
        if not e["verified"]
    }
    loaded = set(CompetenceTag.objects.values_list("framework", "code"))
    assert loaded and not loaded & unverified


def test_every_competence_sits_under_its_domain_and_codes_are_unique():
    entries, _skipped = read_entries(include_unverified=True)
    codes = [(f, c) for f, c, *_rest in entries]
    assert len(codes) == len(set(codes))
    for framework, code, name, parent, _order in entries:
        assert name and name == name.strip()
        if parent is None:
            assert "." not in code
        else:
            assert code.startswith(parent + ".") and code.count(".") == 1
            assert (framework, parent) in codes
    tt02 = [e for e in entries if e[0] == "tt02"]
    # The Circular: six domains and 24 component competences.
    assert sum(1 for e in tt02 if e[3] is None) == 6
    assert sum(1 for e in tt02 if e[3] is not None) == 24


def test_the_command_is_idempotent_and_keeps_every_domain_link():
    out = StringIO()
    call_command("load_competence_tags", "--include-unverified", stdout=out)
    assert "created 25" in out.getvalue()  # 24 competences + qd757's 1.3
    before = snapshot_of_tags()
    for tag in CompetenceTag.objects.filter(framework="tt02", parent__isnull=False):
        assert tag.code.split(".")[0] == tag.parent.code
    out = StringIO()
    call_command("load_competence_tags", "--include-unverified", stdout=out)
    assert "created 0, updated 0" in out.getvalue()
    assert snapshot_of_tags() == before
    assert CompetenceTag.objects.filter(framework="tt02").count() == 30


def test_the_command_corrects_a_changed_name_and_keeps_unknown_rows():
    CompetenceTag.objects.filter(framework="tt02", code="4").update(name="Sai tên")
    extra = CompetenceTag.objects.create(framework="tt02", code="9", name="Thêm")
    out = StringIO()
    call_command("load_competence_tags", stdout=out)
    assert "created 0, updated 1" in out.getvalue()
    assert "tt02:9" in out.getvalue()
    assert CompetenceTag.objects.get(framework="tt02", code="4").name == "An toàn"
    assert CompetenceTag.objects.filter(pk=extra.pk).exists()


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"frameworks": {"tt02": {"entries": [{"code": "1.1", "parent": "1",'
        ' "name": "x", "verified": true}]}}}',
        '{"frameworks": {"tt02": {"entries": [{"code": "1", "name": "a", '
        '"verified": true}, {"code": "1", "name": "b", "verified": true}]}}}',
        '{"frameworks": []}',
    ],
)
def test_a_broken_file_changes_nothing(tmp_path, content):
    path = tmp_path / "frameworks.json"
    path.write_text(content, encoding="utf-8")
    before = snapshot_of_tags()
    with pytest.raises(CommandError):
        call_command("load_competence_tags", "--file", str(path), stdout=StringIO())
    assert snapshot_of_tags() == before


def test_a_load_is_all_or_nothing(monkeypatch):
    calls = []

    def failing_create(**kwargs):
        calls.append(kwargs)
        raise RuntimeError("database went away")

    CompetenceTag.objects.filter(framework="qd757").delete()
    before = snapshot_of_tags()
    monkeypatch.setattr(CompetenceTag.objects, "create", failing_create)
    with pytest.raises(RuntimeError):
        load(CompetenceTag)
    assert calls and snapshot_of_tags() == before


def test_the_course_page_shows_its_competences_in_one_query(
    client, home_page, django_assert_max_num_queries
):
    course = CourseFactory(parent=home_page)
    client.get(course.url)  # warm the caches of the page tree
    with django_assert_max_num_queries(100) as few:
        client.get(course.url)
    course.competences.set(CompetenceTag.objects.filter(framework="tt02"))
    course.save_revision().publish()
    client.get(course.url)  # warm again after the publish
    with django_assert_max_num_queries(100) as many:
        response = client.get(course.url)
    html = response.content.decode()
    for name in TT02_DOMAINS.values():
        assert f">{name}</span>" in html
    assert 'title="02/2025/TT-BGDĐT 6"' in html
    # Six labels cost at most the one query that lists them.
    assert len(many.captured_queries) <= len(few.captured_queries) + 1


def test_editors_read_the_frameworks_but_do_not_change_them(client):
    editor = UserFactory(username="bientap")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    tag = CompetenceTag.objects.get(framework="tt02", code="6")
    listing = client.get(reverse("wagtailsnippets_courses_competencetag:list"))
    assert listing.status_code == 200
    assert "Ứng dụng trí tuệ nhân tạo" in listing.content.decode()
    assert (
        client.get(
            reverse("wagtailsnippets_courses_competencetag:inspect", args=[tag.pk])
        ).status_code
        == 200
    )
    add_url = reverse("wagtailsnippets_courses_competencetag:add")
    edit_url = reverse("wagtailsnippets_courses_competencetag:edit", args=[tag.pk])
    delete_url = reverse("wagtailsnippets_courses_competencetag:delete", args=[tag.pk])
    assert client.get(add_url).status_code in (302, 403)
    assert client.post(edit_url, {"name": "Đổi"}).status_code in (302, 403)
    assert client.post(delete_url).status_code in (302, 403)
    tag.refresh_from_db()
    assert tag.name == "Ứng dụng trí tuệ nhân tạo"
    created = client.post(add_url, {"framework": "tt02", "code": "7", "name": "x"})
    assert created.status_code in (302, 403)
    assert not CompetenceTag.objects.filter(code="7").exists()


def test_editors_pick_competences_in_the_course_form(client, admin_user, home_page):
    course = CourseFactory(parent=home_page)
    client.force_login(admin_user)
    form = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    html = form.content.decode()
    # Both frameworks use "1": each box names its framework.
    assert "02/2025/TT-BGDĐT · 1 Khai thác dữ liệu và thông tin" in html
    assert "757/QĐ-BKHCN · 1 Kỹ năng tìm kiếm" in html
    assert "\u2003757/QĐ-BKHCN · 0.1 Sử dụng thiết bị" in html  # under its domain
    assert 'type="checkbox" name="competences"' in html
