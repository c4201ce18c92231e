"""Wagtail's Editors and Moderators groups may read the search terms report and
manage promoted results. Permissions are made here if post_migrate has not yet run
(a fresh database), as Wagtail's own data migrations do."""

from django.db import migrations

GROUPS = ["Editors", "Moderators"]
PERMISSIONS = [
    ("search", "searchtermday", "view_searchtermday", "Can view search term"),
    (
        "wagtailsearchpromotions",
        "searchpromotion",
        "add_searchpromotion",
        "Can add search promotion",
    ),
    (
        "wagtailsearchpromotions",
        "searchpromotion",
        "change_searchpromotion",
        "Can change search promotion",
    ),
    (
        "wagtailsearchpromotions",
        "searchpromotion",
        "delete_searchpromotion",
        "Can delete search promotion",
    ),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    groups = list(Group.objects.filter(name__in=GROUPS))
    if not groups:
        return
    for app_label, model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(
            app_label=app_label, model=model
        )
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        for group in groups:
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="search", codename="view_searchtermday"
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_terms_per_day"),
        ("wagtailcore", "0002_initial_data"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
