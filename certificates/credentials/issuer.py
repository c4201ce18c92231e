"""Who signs: the portal's did:web, and the vocabulary its credentials share."""

from datetime import UTC

from ..issuing import public_base_url

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MEDIA_TYPE = "application/vc+jwt"
TYP = "vc+jwt"


def issuer_did():
    """did:web of the portal's public address (its DID document is
    /.well-known/did.json there)."""
    host = public_base_url().split("://", 1)[-1].split("/", 1)[0]
    return "did:web:" + host.replace(":", "%3A")


def iso(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
