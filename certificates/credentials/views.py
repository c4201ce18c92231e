"""Public keys, the status list, the learner's download and the credential check.

Keys and the status list are public and cacheable; the download is the holder's (or
their coordinators'), checked like the PDF's; the check is rate-limited like the
code look-up and never fails with a 500, whatever is pasted.
"""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from ..access import can_download
from ..archives import ascii_name
from ..codes import normalise_code
from ..forms import CredentialForm, VerifyForm
from ..models import Certificate
from ..ratelimit import hit
from ..views import VERIFY_LIMIT, VERIFY_WINDOW, _noindex, _too_many
from . import badge, checking, keys, status_list
from .issuer import MEDIA_TYPE, issuer_did

PUBLIC_CACHE = 300  # seconds: a revocation shows within five minutes


def _jwk(kid, public_key, did):
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": keys.b64url(keys.raw_public(public_key)),
        "kid": f"{did}#{kid}",
        "alg": "EdDSA",
        "use": "sig",
    }


@require_GET
@cache_control(public=True, max_age=PUBLIC_CACHE)
def jwks(request):
    did = issuer_did()
    found = keys.public_keys()
    return JsonResponse({"keys": [_jwk(k, v, did) for k, v in found.items()]})


@require_GET
@cache_control(public=True, max_age=PUBLIC_CACHE)
def did_document(request):
    did = issuer_did()
    methods = [
        {
            "id": f"{did}#{kid}",
            "type": "JsonWebKey",
            "controller": did,
            "publicKeyJwk": {
                k: v for k, v in _jwk(kid, key, did).items() if k != "kid"
            },
        }
        for kid, key in keys.public_keys().items()
    ]
    document = {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/jws/v1"],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }
    return JsonResponse(document, content_type="application/did+json")


@require_GET
@cache_control(public=True, max_age=PUBLIC_CACHE)
def status_list_view(request):
    return HttpResponse(status_list.list_credential(), content_type=MEDIA_TYPE)


@login_required
def download(request, code):
    """The holder's credential as ``.json`` (badge.document says what is in it)."""
    certificate = Certificate.objects.filter(
        verification_code=normalise_code(code), status=Certificate.Status.ISSUED
    ).first()
    if certificate is None or not can_download(request.user, certificate):
        raise Http404
    body = json.dumps(
        badge.document(badge.ensure(certificate)), ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name, code = ascii_name(certificate.holder_name), certificate.verification_code
    filename = f"chung-chi-so_{name}_{code}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def check(request):
    """Paste or upload a credential: valid, revoked or tampered."""
    form = CredentialForm(
        request.POST or None, request.FILES or None, max_bytes=checking.MAX_BYTES
    )
    context = {"form": VerifyForm(), "credential_form": form}
    status = 200
    if request.method == "POST":
        allowed, retry_after = hit(request, "verify", VERIFY_LIMIT, VERIFY_WINDOW)
        if not allowed:
            return _too_many(request, retry_after)
        if form.is_valid():
            try:
                context["verdict"] = checking.check(form.cleaned_data["credential"])
            except checking.Unreadable:
                form.add_error(
                    None,
                    _(
                        "This is not a credential that can be read: choose the "
                        ".json file downloaded with a certificate."
                    ),
                )
        if not form.is_valid() or "verdict" not in context:
            status = 400
    return _noindex(
        TemplateResponse(request, "certificates/verify.html", context, status=status)
    )
