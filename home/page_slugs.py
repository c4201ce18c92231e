"""Pages whose slug is not ASCII get an ASCII one; their old addresses redirect.

Before WAGTAIL_ALLOW_UNICODE_SLUGS was turned off, a Vietnamese title gave a slug such
as "nhận-diện-lừa-đảo", shown in browsers as /nh%E1%BA%ADn-di%E1%BB%87n-…. Used by
migration home/0004 (historical models) and by ``load_demo`` (the real ones): both
pass the models in, and only plain queryset calls are made on them.
"""

from wagtail.contrib.redirects.models import Redirect as RedirectModel

from people.text import ascii_slug

STEP = 4  # treebeard's path step in Wagtail's page tree


def _free_slug(Page, page, base):
    taken = set(
        Page.objects.filter(path__startswith=page.path[:-STEP], depth=page.depth)
        .exclude(pk=page.pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _site_paths(Site, url_path):
    """(site, path on that site) for each site whose root holds ``url_path``."""
    for site in Site.objects.select_related("root_page"):
        root = site.root_page.url_path
        if url_path.startswith(root):
            yield site, "/" + url_path[len(root) :]


def asciify_page_slugs(Page, Revision, Redirect, Site):
    """Rename every non-ASCII slug; add a permanent redirect per moved address.

    Descendants' url_path and the slug saved in each page's revisions follow, so a
    later publish of an old draft does not bring the Unicode slug back.
    Returns how many pages were renamed.
    """
    renamed = 0
    # Parents first: a child's url_path is rewritten with its parent's new slug.
    for page_id in Page.objects.order_by("depth").values_list("pk", flat=True):
        page = Page.objects.get(pk=page_id)
        if page.slug.isascii():
            continue
        slug = _free_slug(Page, page, ascii_slug(page.slug) or "trang")
        old_prefix = page.url_path
        new_prefix = old_prefix[: -len(page.slug) - 1] + slug + "/"
        moved = Page.objects.filter(path__startswith=page.path).order_by("path")
        for moved_page in moved.only("pk", "url_path"):
            old_path = moved_page.url_path
            new_path = new_prefix + old_path[len(old_prefix) :]
            Page.objects.filter(pk=moved_page.pk).update(url_path=new_path)
            for site, path in _site_paths(Site, old_path):
                Redirect.objects.get_or_create(
                    old_path=RedirectModel.normalise_path(path),
                    site=site,
                    defaults={"redirect_page_id": moved_page.pk, "is_permanent": True},
                )
            revisions = Revision.objects.filter(
                base_content_type__app_label="wagtailcore",
                base_content_type__model="page",
                object_id=str(moved_page.pk),
            )
            for revision in revisions:
                content = dict(revision.content)
                if content.get("url_path") == old_path:
                    content["url_path"] = new_path
                if moved_page.pk == page.pk:
                    content["slug"] = slug
                revision.content = content
                revision.save(update_fields=["content"])
        Page.objects.filter(pk=page.pk).update(slug=slug)
        renamed += 1
    return renamed
