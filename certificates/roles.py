"""The "Certificate administrators" group: who manages templates and their artwork.

Editors write lessons; they never see signatures or seals. The people who sign off
certificates (the department's office) are put in this group, which may manage
templates, artwork and certificate records, and nothing else in the admin. Made
after every ``migrate`` if missing; an existing group is left as the site made it.
"""

from django.db.models.signals import post_migrate

GROUP_NAME = "Certificate administrators"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *(
        ("certificates", f"{action}_{model}")
        for model in ("certificateartwork", "certificatetemplate")
        for action in ("add", "change", "delete", "view")
    ),
    ("certificates", "view_certificate"),
    ("certificates", "change_certificate"),
]


def ensure_group(**kwargs):
    from django.contrib.auth.models import Group, Permission

    group, created = Group.objects.get_or_create(name=GROUP_NAME)
    if not created:
        return group
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)
    return group


def connect(app_config):
    # Sent for this app after Django made its permissions (auth's receiver comes
    # first); wagtailadmin's access permission comes from a migration.
    post_migrate.connect(
        ensure_group, sender=app_config, dispatch_uid="certificates.ensure_group"
    )
