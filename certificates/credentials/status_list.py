"""Revocation as a W3C Bitstring Status List.

Each credential's bit is its certificate's primary key: unique, never reused, known
before signing. The list is the set of revoked (or replaced) certificates read from
the database, served as a signed BitstringStatusListCredential at one stable URL;
revoking a certificate flips its bit in the next list served. Index 0 is the most
significant bit of the first byte; the list is at least 131,072 bits (16 KB) so
that one bit says little about whom it belongs to.
"""

import base64
import binascii
import gzip
import zlib

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from ..issuing import public_base_url
from ..models import Certificate
from . import jws
from .issuer import TYP, VC_CONTEXT, iso, issuer_did

MIN_BITS = 131_072
PURPOSE = "revocation"
NO_LONGER_VALID = (Certificate.Status.REVOKED, Certificate.Status.REPLACED)


def list_url():
    return public_base_url() + reverse("certificates:status_list")


def status_entry(index):
    url = list_url()
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


def bitstring():
    """The bits, one per certificate id, set for those no longer valid."""
    highest = Certificate.objects.aggregate(top=Max("pk"))["top"] or 0
    size = max(MIN_BITS, -(-(highest + 1) // MIN_BITS) * MIN_BITS)
    bits = bytearray(size // 8)
    revoked = Certificate.objects.filter(status__in=NO_LONGER_VALID).values_list(
        "pk", flat=True
    )
    for index in revoked.iterator():
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def encode(bits):
    """Multibase base64url (prefix "u") of the GZIP-compressed bits."""
    packed = gzip.compress(bits, mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def decode(encoded):
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise ValueError("not a multibase base64url list")
    body = encoded[1:]
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        return gzip.decompress(packed)
    except (binascii.Error, OSError, EOFError, zlib.error) as exc:
        raise ValueError("not a GZIP-compressed list") from exc


def list_credential():
    """The signed BitstringStatusListCredential (compact JWS)."""
    url = list_url()
    credential = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(),
        "validFrom": iso(timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": PURPOSE,
            "encodedList": encode(bitstring()),
        },
    }
    return jws.sign(credential, TYP, did=issuer_did())


def is_set(list_token, index):
    """Whether bit ``index`` is set in a signed status list credential."""
    payload = jws.verify(list_token, TYP)
    bits = decode(payload["credentialSubject"]["encodedList"])
    if not 0 <= index < len(bits) * 8:
        raise ValueError("index outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
