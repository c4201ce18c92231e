"""Open Badges 3.0 credentials: checked by joserfc (an independent JOSE
implementation) against the published JWKS, and by the verification page."""

import base64
import gzip
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape
from joserfc import jws as joserfc_jws
from joserfc.errors import BadSignatureError, InvalidKeyIdError
from joserfc.jwk import KeySet

from certificates import issuing
from certificates.credentials.badge import tag_label
from certificates.credentials.keys import b64url
from certificates.models import Certificate
from certificates.views import VERIFY_LIMIT
from courses.models import CompetenceTag, Enrolment
from tests.certificates.conftest import ISSUING_BODY, complete
from tests.certificates.pdf_tools import pdf_text
from tests.factories import learner_in

CHECK = reverse("certificates:verify_credential")
# RFC 9864 prefers "Ed25519" to "EdDSA"; VC-JOSE verifiers still expect "EdDSA".
pytestmark = pytest.mark.filterwarnings("ignore:EdDSA is deprecated")


@pytest.fixture
def certificate(completed):
    course = completed.course
    course.duration_minutes = 150
    course.competences.set(
        [
            CompetenceTag.objects.filter(framework="qd757").last(),
            CompetenceTag.objects.filter(framework="tt02").last(),
        ]
    )
    course.save()
    # Issued before the course had tags: the download signs one from today's course.
    Certificate.objects.update(credential="")
    return Certificate.objects.get()


def published_keys(client):
    return KeySet.import_key_set(client.get("/.well-known/jwks.json").json())


def independent_verify(token, keyset):
    signed = joserfc_jws.deserialize_compact(token, keyset, algorithms=["EdDSA"])
    return signed.headers(), json.loads(signed.payload)


def download(client, certificate):
    client.force_login(certificate.holder)
    url = reverse("certificates:credential", args=[certificate.verification_code])
    response = client.get(url)
    client.logout()
    return response


def check(client, text=None, upload=None, **extra):
    data = {"text": text or ""}
    if upload is not None:
        data["file"] = upload
    return client.post(CHECK, data, **extra)


def verdict_of(response):
    marker = 'data-credential-verdict="'
    html = response.text
    return html[html.index(marker) + len(marker) :].split('"', 1)[0]


def test_issued_credential_is_open_badges_and_verifies_independently(
    client, certificate, settings
):
    assert download(client, certificate).status_code == 200  # signs it now
    certificate.refresh_from_db()
    response = download(client, certificate)
    assert response["Content-Type"].startswith("application/json")
    assert ".json" in response["Content-Disposition"]
    document = json.loads(response.content)
    assert document["type"] == "EnvelopedVerifiableCredential"
    token = document["id"].removeprefix("data:application/vc+jwt,")
    assert token == certificate.credential

    header, credential = independent_verify(token, published_keys(client))
    assert header["typ"] == "vc+jwt" and header["alg"] == "EdDSA"
    assert header["kid"].startswith("did:web:testserver#")
    assert credential == document["credential"]  # the readable copy is what was signed
    assert "OpenBadgeCredential" in credential["type"]
    assert credential["issuer"]["name"] == ISSUING_BODY
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == certificate.course_title
    assert achievement["creditsAvailable"] == 2.5
    tags = [tag_label(tag) for tag in certificate.enrolment.course.competences.all()]
    assert sorted(achievement["tag"]) == sorted(tags) and len(tags) == 2
    assert credential["credentialStatus"]["statusListIndex"] == str(certificate.pk)

    # The PDF names the same identifier: the verification URL is the credential id.
    assert credential["id"] == issuing.verify_url(certificate.verification_code)
    with certificate.pdf.open("rb") as handle:
        assert credential["id"] in pdf_text(handle.read())[0]

    did = client.get("/.well-known/did.json").json()
    assert header["kid"] in did["assertionMethod"]

    # The page agrees, and shows the issuing body, tags and hours in Vietnamese.
    response = check(client, response.content.decode())
    assert response.status_code == 200
    assert verdict_of(response) == "valid"
    assert "Chứng chỉ số hợp lệ" in response.text
    assert ISSUING_BODY in response.text
    assert all(escape(tag) in response.text for tag in tags)
    assert "2,5 giờ" in response.text or "2.5 giờ" in response.text
    # The code look-up shows the signed tags and hours too.
    response = client.get(
        reverse("certificates:verify_code", args=[certificate.verification_code])
    )
    assert "data-competences" in response.text

    # Rotation: a new key signs; the old credential still verifies with the JWKS.
    call_command("make_signing_key", "--rotate", verbosity=0)
    keyset = published_keys(client)
    assert len(keyset.keys) >= 2
    independent_verify(token, keyset)
    new = issuing._signed_credential(certificate)
    assert independent_verify(new, keyset)[0]["kid"] != header["kid"]
    assert verdict_of(check(client, token)) == "valid"


def _tampered_variants(token, other_token):
    head, body, signature = token.split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=="))
    payload["credentialSubject"]["identifier"][0]["identityHash"] = "Kẻ Mạo Danh"
    edited = b64url(json.dumps(payload, ensure_ascii=False).encode())
    header = json.loads(base64.urlsafe_b64decode(head + "=="))
    forger = Ed25519PrivateKey.generate()
    signing_input = f"{head}.{edited}".encode()
    return {
        "payload edited": f"{head}.{edited}.{signature}",
        "signature swapped": f"{head}.{body}.{other_token.split('.')[2]}",
        "other key": f"{signing_input.decode()}.{b64url(forger.sign(signing_input))}",
        "other key, own kid": ".".join(
            [
                b64url(json.dumps({**header, "kid": "did:web:x#forger"}).encode()),
                edited,
                b64url(forger.sign(f"{head}.{edited}".encode())),
            ]
        ),
    }


def test_tampered_credentials_and_bad_input_are_rejected(
    client, certificate, school_class, django_capture_on_commit_callbacks
):
    other = learner_in(school_class, full_name="Lê Văn Tám")
    enrolment = Enrolment.objects.create(
        user=other, course=certificate.enrolment.course
    )
    with django_capture_on_commit_callbacks(execute=True):
        complete(enrolment)
    other_token = Certificate.objects.get(enrolment=enrolment).credential
    document = json.loads(download(client, certificate).content)
    token = document["id"].split(",", 1)[1]
    keyset = published_keys(client)

    for name, variant in _tampered_variants(token, other_token).items():
        with pytest.raises((BadSignatureError, InvalidKeyIdError)):
            independent_verify(variant, keyset)
        response = check(client, variant)
        assert response.status_code == 200, name
        assert verdict_of(response) == "tampered", name
        assert "Kẻ Mạo Danh" not in response.text  # nothing forged is shown

    edited_copy = {**document, "credential": {**document["credential"], "name": "X"}}
    response = check(client, json.dumps(edited_copy))
    assert verdict_of(response) == "tampered"
    assert 'data-reason="copy_edited"' in response.text
    odd_copy = check(client, json.dumps({**document, "credential": 5}))
    assert verdict_of(odd_copy) == "tampered"
    unsigned = check(client, json.dumps(document["credential"]))
    assert verdict_of(unsigned) == "tampered"

    bad = {
        "not JSON": check(client, "đây không phải chứng chỉ"),
        "JSON list": check(client, "[1, 2]"),
        "empty": check(client, "  "),
        "huge file": check(client, upload=SimpleUploadedFile("a.json", b"{" * 70_000)),
        "binary file": check(client, upload=SimpleUploadedFile("a.json", b"\xff\xfe")),
        "broken JWS": check(client, "eyJ.eyJ.x"),
        "deep JWS": check(client, f"eyJhIjoxfQ.{b64url(b'[' * 40_000)}.x"),
    }
    for name, response in bad.items():
        assert response.status_code == 400, name
        assert 'class="error"' in response.text, name
    # An uploaded good file passes.
    upload = SimpleUploadedFile("c.json", json.dumps(document).encode())
    assert verdict_of(check(client, upload=upload)) == "valid"
    # The check counts against the verification rate limit.
    for _ in range(VERIFY_LIMIT):
        check(client, "{}", REMOTE_ADDR="10.0.0.7")
    assert check(client, token, REMOTE_ADDR="10.0.0.7").status_code == 429


def test_revoking_flips_the_status_list_bit(client, certificate, coordinator):
    token = json.loads(download(client, certificate).content)["id"].split(",", 1)[1]

    def bit():
        response = client.get(reverse("certificates:status_list"))
        assert response["Content-Type"] == "application/vc+jwt"
        _header, status_list = independent_verify(
            response.content.decode(), published_keys(client)
        )
        assert "BitstringStatusListCredential" in status_list["type"]
        encoded = status_list["credentialSubject"]["encodedList"]
        bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=="))
        assert len(bits) * 8 >= 131_072
        return bool(bits[certificate.pk // 8] & (0x80 >> (certificate.pk % 8)))

    assert bit() is False
    issuing.revoke(certificate, "Cấp nhầm", by=coordinator)
    assert bit() is True
    response = check(client, token)
    assert verdict_of(response) == "revoked"
    assert "Chứng chỉ số đã bị thu hồi" in response.text
    # The holder can no longer download it.
    assert download(client, certificate).status_code == 404


def test_signing_keys_may_not_sit_in_public_folders(settings, tmp_path):
    from config.checks import signing_keys_outside_public

    settings.MEDIA_ROOT = str(tmp_path)
    settings.CREDENTIALS_KEY_DIR = str(tmp_path / "keys")
    assert [e.id for e in signing_keys_outside_public(None)] == ["portal.E003"]
    settings.CREDENTIALS_KEY_DIR = ""  # the default: inside the private media root
    assert signing_keys_outside_public(None) == []
