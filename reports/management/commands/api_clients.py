"""``manage.py api_clients create|list|authorise|revoke``: the API's clients
(reports/models/api.py, docs/api.md)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from people.models import Membership, Organisation, User
from reports.models import ApiClient


def may_authorise(user, organisation):
    """A superuser, or a department administrator of the client's unit or above."""
    if user.is_superuser:
        return True
    paths = Membership.objects.filter(
        user=user, role=Membership.Role.ADMINISTRATOR
    ).values_list("organisation__path", flat=True)
    return any(organisation.path.startswith(path) for path in paths)


class Command(BaseCommand):
    help = "Create, list, authorise for personal data or revoke API clients."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="make a client, print its token")
        create.add_argument("--organisation", required=True, help="unit code")
        create.add_argument("--name", required=True)
        create.add_argument(
            "--scope", action="append", required=True, choices=ApiClient.Scope.values
        )
        actions.add_parser("list", help="every client, newest first")
        authorise = actions.add_parser(
            "authorise", help="let the client read whole personal IDs"
        )
        authorise.add_argument("prefix")
        authorise.add_argument("--by", required=True, help="username authorising")
        revoke = actions.add_parser("revoke", help="stop a client's token")
        revoke.add_argument("prefix")

    def _client(self, prefix):
        client = ApiClient.objects.select_related("organisation").filter(prefix=prefix)
        if not client:
            raise CommandError(f"No API client with prefix {prefix}.")
        return client[0]

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _create(self, organisation, name, scope, **options):
        unit = Organisation.objects.filter(code=organisation).first()
        if unit is None:
            raise CommandError(f"No unit with code {organisation}.")
        client, token = ApiClient.issue(
            organisation=unit, name=name, scopes=sorted(set(scope))
        )
        self.stdout.write(f"Client {client}: token (shown once):\n{token}")

    def _list(self, **options):
        for client in ApiClient.objects.select_related("organisation").order_by(
            "-created_at"
        ):
            state = "live"
            if client.revoked_at:
                state = f"revoked {client.revoked_at:%Y-%m-%d}"
            personal = "personal IDs" if client.authorised_for_personal_data else ""
            self.stdout.write(
                f"{client.prefix}  {client.name}  {client.organisation.code}  "
                f"{' '.join(client.scopes)}  {personal}  {state}"
            )

    def _authorise(self, prefix, by, **options):
        client = self._client(prefix)
        user = User.objects.filter(username=by).first()
        if user is None or not may_authorise(user, client.organisation):
            raise CommandError(
                "Only a superuser or a department administrator of the client's "
                "unit (or a unit above it) may authorise personal data."
            )
        client.authorised_for_personal_data = True
        client.authorised_by = user
        client.save(update_fields=["authorised_for_personal_data", "authorised_by"])
        self.stdout.write(f"{client} may now read whole personal IDs.")

    def _revoke(self, prefix, **options):
        client = self._client(prefix)
        ApiClient.objects.filter(pk=client.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        self.stdout.write(f"{client} is revoked.")
