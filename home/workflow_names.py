"""Vietnamese names for the moderation workflow Wagtail creates on install.

Wagtail's migration 0048 names both the workflow and its one task after the group
("Moderators approval"), so an editor's button read "Gửi duyệt theo Moderators
approval". Used by migration home/0003 (historical models) and by ``load_demo``.
"""

WAGTAIL_DEFAULT_NAME = "Moderators approval"
WORKFLOW_NAME = "Quy trình duyệt nội dung"
TASK_NAME = "Kiểm duyệt viên duyệt bài"


def name_default_workflow(Workflow, Task):
    """Rename Wagtail's default workflow and task while they keep the English name.

    A name an administrator has chosen is left alone. Returns how many were renamed.
    """
    renamed = Workflow.objects.filter(name=WAGTAIL_DEFAULT_NAME).update(
        name=WORKFLOW_NAME
    )
    return renamed + Task.objects.filter(name=WAGTAIL_DEFAULT_NAME).update(
        name=TASK_NAME
    )
