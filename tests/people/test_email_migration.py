"""The migration that makes e-mails unique in any case copes with accounts that
already share one: the oldest keeps it, the others are cleared and reported."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("people", "0002_roster_imports")]
AFTER = [("people", "0003_names_checked_email_unique_any_case_reset_notice")]


@pytest.mark.django_db(transaction=True)
def test_existing_clashes_are_settled_and_reported_not_a_crash(capsys):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("people", "User")
    first = old.objects.create(username="sogd", email="sogd@demo.example.vn")
    copy = old.objects.create(username="hs_gia", email="SOGD@demo.example.vn")
    mixed = old.objects.create(username="co_lan", email="Co.Lan@Truong.edu.vn")
    blank = [old.objects.create(username=f"hs{n}", email="") for n in range(2)]

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    new = executor.loader.project_state(AFTER).apps.get_model("people", "User")
    emails = dict(new.objects.values_list("username", "email"))
    assert emails["sogd"] == "sogd@demo.example.vn"
    assert emails["hs_gia"] == ""
    assert emails["co_lan"] == "co.lan@truong.edu.vn"
    assert all(emails[u.username] == "" for u in blank)
    report = capsys.readouterr().out
    assert "hs_gia" in report and "kept by sogd" in report
    assert first.pk and copy.pk and mixed.pk

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
