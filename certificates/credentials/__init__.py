"""Open Badges 3.0 credentials for issued certificates (docs/credentials.md).

``keys`` keeps the issuer's Ed25519 keys, ``jws`` signs and checks compact JWS,
``badge`` builds the credential of a certificate, ``status_list`` the Bitstring
Status List that revocation flips, ``checking`` judges a credential someone pastes.
"""
