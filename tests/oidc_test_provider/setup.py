"""Fill the scratch provider: ``python -m tests.oidc_test_provider.setup '<json>'``
(run by server.py with the provider's settings). Creates the tables and a signing key
once, then the clients and users the JSON names, and prints each user's subject."""

import json
import sys

import django


def main(spec):
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0)
    if not django.apps.apps.get_model("oidc_provider", "RSAKey").objects.exists():
        call_command("creatersakey", verbosity=0)
    code = ResponseType.objects.get(value="code")
    for wanted in spec.get("clients", []):
        client, _ = Client.objects.update_or_create(
            client_id=wanted["client_id"],
            defaults={
                "name": wanted["client_id"],
                "client_type": "confidential",
                "client_secret": wanted["client_secret"],
                "jwt_alg": "RS256",
                "require_consent": False,
                "_redirect_uris": "\n".join(wanted["redirect_uris"]),
            },
        )
        client.response_types.set([code])
    claims_file = settings.DIR / "claims.json"
    claims = json.loads(claims_file.read_text()) if claims_file.exists() else {}
    subjects = {}
    for wanted in spec.get("users", []):
        user, _ = User.objects.get_or_create(username=wanted["username"])
        user.set_password(wanted["password"])
        user.save()
        claims[user.username] = wanted.get("claims", {})
        subjects[user.username] = str(user.pk)
    claims_file.write_text(json.dumps(claims, ensure_ascii=False))
    print(json.dumps(subjects))  # noqa: T201


if __name__ == "__main__":
    django.setup()
    main(json.loads(sys.argv[1]))
