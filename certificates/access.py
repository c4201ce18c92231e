"""Who may manage whose certificates: coordinators of a unit or of any unit above it.

The tree check itself is the people room's (``people.scope``); this module says
what it means for certificates.
"""

from people.models import Membership
from people.scope import covers, scope_paths

MANAGE_PERMISSION = "certificates.change_certificate"
# Signatures, seals and backgrounds (certificates.models.CertificateArtwork).
ARTWORK_PERMISSION = "certificates.view_certificateartwork"
COORDINATOR = (Membership.Role.COORDINATOR,)


def coordinates_organisation(user, organisation):
    """True if the user coordinates this unit or one of its ancestors."""
    return covers(user, organisation, COORDINATOR)


def can_manage_class(user, school_class):
    if not user.is_authenticated:
        return False
    if user.has_perm(MANAGE_PERMISSION):
        return True
    return coordinates_organisation(user, school_class.organisation)


def can_manage_certificate(user, certificate):
    """Staff with the permission, or a coordinator above one of the holder's units."""
    if not user.is_authenticated:
        return False
    if user.has_perm(MANAGE_PERMISSION):
        return True
    if certificate.holder_id is None or not scope_paths(user, COORDINATOR):
        return False
    units = Membership.objects.learners().filter(user_id=certificate.holder_id)
    return any(
        coordinates_organisation(user, membership.organisation)
        for membership in units.select_related("organisation")
    )


def can_download(user, certificate):
    """The holder downloads an issued certificate; managers any stored one."""
    if not user.is_authenticated or not certificate.pdf:
        return False
    if certificate.holder_id == user.pk:
        return certificate.status == certificate.Status.ISSUED
    return can_manage_certificate(user, certificate)


def can_see_artwork(user):
    """Certificate administrators (certificates.roles) and superusers only."""
    return user.is_authenticated and user.has_perm(ARTWORK_PERMISSION)
