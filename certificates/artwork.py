"""A template's images, prepared once and reused for every certificate printed."""

from .images import art_storage, load_prepared, store_prepared
from .pdf import Artwork

_KINDS = (
    ("background", "background_image", "prepared_background"),
    ("logo", "logo", "prepared_logo"),
    ("signature", "signature_image", "prepared_signature"),
)


def _fingerprint(template):
    """Which uploads the renditions must come from (artwork id and file hash)."""
    parts = []
    for kind, source_field, _target in _KINDS:
        image = getattr(template, source_field)
        if image is not None:
            parts.append(f"{kind}:{image.pk}:{image.get_file_hash()}")
    return "|".join(parts)


def prepare_template(template):
    """Make the stored renditions match the template's images; cheap when they do.

    Called when a template is saved and again before printing, so a replaced image
    file is noticed even if the template itself was not saved.
    """
    fingerprint = _fingerprint(template)
    names = [getattr(template, target) for _kind, _source, target in _KINDS]
    if fingerprint == template.prepared_from and all(
        art_storage().exists(name) for name in names if name
    ):
        return False
    for kind, source_field, target in _KINDS:
        image = getattr(template, source_field)
        setattr(template, target, store_prepared(kind, image.file) if image else "")
    template.prepared_from = fingerprint
    fields = ["prepared_from", *(target for _k, _s, target in _KINDS)]
    if template.pk:
        type(template).objects.filter(pk=template.pk).update(
            **{field: getattr(template, field) for field in fields}
        )
    return True


def artwork_for(template):
    if template is None:
        return Artwork()
    prepare_template(template)
    loaded = {
        kind: load_prepared(getattr(template, target))
        if getattr(template, target)
        else None
        for kind, _source, target in _KINDS
    }
    return Artwork(**loaded, frame=template.draw_frame)
