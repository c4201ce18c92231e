"""Users, the organisation tree, classes and memberships, and the records kept
about them, one module per concept; every model is importable from here."""

from .consent import ConsentRecord, NoticeAcknowledgement, ProcessingBasis
from .events import UnitEvent
from .history import AuditEntry, Transfer
from .identities import ExternalIdentity
from .organisations import Membership, MembershipQuerySet, Organisation, SchoolClass
from .ratelimits import RateLimitCounter
from .requests import DataRequest, DataRequestQuerySet
from .rosters import RosterImport, _private_storage
from .users import User, UserManager, UserQuerySet, citizen_id_validator

__all__ = [
    "AuditEntry",
    "ExternalIdentity",
    "DataRequest",
    "DataRequestQuerySet",
    "ConsentRecord",
    "Membership",
    "MembershipQuerySet",
    "NoticeAcknowledgement",
    "Organisation",
    "ProcessingBasis",
    "RateLimitCounter",
    "RosterImport",
    "SchoolClass",
    "Transfer",
    "UnitEvent",
    "User",
    "UserManager",
    "UserQuerySet",
    "_private_storage",  # named by migrations (the roster files' storage)
    "citizen_id_validator",
]
