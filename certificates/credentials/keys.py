"""The issuer's Ed25519 signing keys, kept in private storage.

One PEM file per key in ``CREDENTIALS_KEY_DIR`` (by default ``signing-keys/`` in
the private media root, never under MEDIA_ROOT or STATIC_ROOT), named by its key id;
``current`` names the key that signs. Rotation (``make_signing_key --rotate``) adds a
key and points ``current`` at it; the old files stay, so their public halves are
still published (JWKS, DID document) and every credential ever signed still
verifies. An old private key may be replaced by its ``<kid>.pub.pem`` alone.
"""

import base64
import hashlib
import os
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings

CURRENT = "current"


def key_dir():
    configured = getattr(settings, "CREDENTIALS_KEY_DIR", "")
    return Path(configured or Path(settings.PRIVATE_MEDIA_ROOT) / "signing-keys")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def raw_public(public_key):
    return public_key.public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def key_id(public_key):
    """The RFC 7638 thumbprint of the key's JWK: stable, derived from the key."""
    canonical = (
        f'{{"crv":"Ed25519","kty":"OKP","x":"{b64url(raw_public(public_key))}"}}'
    )
    return b64url(hashlib.sha256(canonical.encode()).digest())[:16]


def _write_exclusive(path, data):
    """Create ``path`` or fail if it exists: two processes never both win."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def make_key(rotate=False):
    """Create the signing key (or, with ``rotate``, a new one that takes over).

    Returns (kid, created). Without ``rotate`` an existing key is kept.
    """
    folder = key_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    current = folder / CURRENT
    if current.exists() and not rotate:
        return current.read_text().strip(), False
    private_key = Ed25519PrivateKey.generate()
    kid = key_id(private_key.public_key())
    pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write_exclusive(folder / f"{kid}.pem", pem)
    if rotate:
        staged = folder / f"{CURRENT}.{kid}"
        staged.write_text(kid)
        staged.replace(current)  # atomic: signers see the old or the new key
    else:
        try:
            _write_exclusive(current, kid.encode())
        except FileExistsError:  # another process made the first key meanwhile
            (folder / f"{kid}.pem").unlink()
            return current.read_text().strip(), False
    clear_cache()
    return kid, True


@lru_cache(maxsize=1)
def _signing_key(folder, _stamp):
    kid = (Path(folder) / CURRENT).read_text().strip()
    pem = (Path(folder) / f"{kid}.pem").read_bytes()
    return kid, serialization.load_pem_private_key(pem, password=None)


def signing_key():
    """(kid, private key) of the current key, made on first use if none exists."""
    folder = key_dir()
    if not (folder / CURRENT).exists():
        make_key()
    # The stamp makes a rotation by another process visible here too.
    return _signing_key(str(folder), (folder / CURRENT).stat().st_mtime_ns)


@lru_cache(maxsize=1)
def _public_keys(folder, _stamp):
    found = {}
    for path in sorted(Path(folder).glob("*.pem")):
        data = path.read_bytes()
        if path.name.endswith(".pub.pem"):
            public_key = serialization.load_pem_public_key(data)
        else:
            public_key = serialization.load_pem_private_key(
                data, password=None
            ).public_key()
        if isinstance(public_key, Ed25519PublicKey):
            found[key_id(public_key)] = public_key
    return found


def public_keys():
    """Every published key by kid: the current one and all rotated out."""
    folder = key_dir()
    if not (folder / CURRENT).exists():
        make_key()
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.pem")))
    return _public_keys(str(folder), stamp)


def clear_cache():
    _signing_key.cache_clear()
    _public_keys.cache_clear()
