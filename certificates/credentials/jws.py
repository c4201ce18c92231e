"""Compact JWS with EdDSA (RFC 7515, RFC 8037): what VC-JOSE secures credentials with.

Written against the RFCs with ``cryptography`` alone; the tests check the result
with joserfc, an independent implementation.
"""

import base64
import binascii
import json

from cryptography.exceptions import InvalidSignature

from .keys import b64url, public_keys, signing_key


class BadJWS(ValueError):
    """Not a compact JWS this issuer could have made, or its signature fails."""


class UnknownKey(BadJWS):
    """Signed, but not by any key this issuer ever published."""


def _b64decode(part):
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError) as exc:
        raise BadJWS("not base64url") from exc


def encode_json(data):
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def sign(payload, typ, did=""):
    """The compact JWS of ``payload`` (a dict) signed with the current key."""
    kid, private_key = signing_key()
    header = {"alg": "EdDSA", "kid": f"{did}#{kid}" if did else kid, "typ": typ}
    if typ == "vc+jwt":
        header["cty"] = "vc"
    signing_input = (
        f"{b64url(encode_json(header))}.{b64url(encode_json(payload))}".encode()
    )
    return f"{signing_input.decode()}.{b64url(private_key.sign(signing_input))}"


def unverified(token):
    """(header, payload) without checking anything but the shape."""
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3 or not all(parts):
        raise BadJWS("not a compact JWS")
    try:
        header = json.loads(_b64decode(parts[0]))
        payload = json.loads(_b64decode(parts[1]))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise BadJWS("not JSON inside") from exc
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise BadJWS("not JSON objects inside")
    return header, payload


def verify(token, typ):
    """The payload of a JWS signed by one of the published keys, else BadJWS."""
    header, payload = unverified(token)
    if header.get("alg") != "EdDSA" or header.get("typ") != typ:
        raise BadJWS("unexpected algorithm or type")
    kid = str(header.get("kid", "")).rsplit("#", 1)[-1]
    public_key = public_keys().get(kid)
    if public_key is None:
        raise UnknownKey("unknown key")
    signing_input, _dot, signature = token.rpartition(".")
    try:
        public_key.verify(_b64decode(signature), signing_input.encode("ascii"))
    except (InvalidSignature, UnicodeEncodeError) as exc:
        raise BadJWS("signature does not match") from exc
    return payload
