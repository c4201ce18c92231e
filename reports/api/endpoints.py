"""The API's operations (docs/api.md lists the same paths; a test keeps them equal).
Thin: each asks reports/api/<topic>.py and notes the rows it sends."""

from datetime import datetime

from ninja import NinjaAPI, Status

from . import aggregates, catalogue, completions, imports, schemas
from .access_log import rows_sent
from .auth import RateLimited, TokenAuth, require

api = NinjaAPI(
    title="Digital-skills portal API",
    version="1",
    description="For other systems of the province: see docs/api.md.",
    auth=TokenAuth(),
    urls_namespace="api_v1",
    docs_url=None,  # the schema is served; docs/api.md is the readable guide
)

ERRORS = {400: schemas.Error, 401: schemas.Error, 403: schemas.Error}


@api.exception_handler(RateLimited)
def rate_limited(request, exc):
    response = api.create_response(
        request, {"detail": "Too many requests."}, status=429
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


def _sent(request, body):
    rows_sent(request, len(body["items"]))
    return body


@api.get("/units", response={200: schemas.UnitPage, **ERRORS}, tags=["units"])
def units(request, cursor: str | None = None, limit: int | None = None):
    """The client's unit and every unit below it, with official codes, validity
    dates and the merges and splits they took part in."""
    page = catalogue.units_page(request.auth, raw_cursor=cursor, limit=limit)
    return _sent(request, page)


@api.get("/courses", response={200: schemas.CoursePage, **ERRORS}, tags=["courses"])
def courses(request, cursor: str | None = None, limit: int | None = None):
    """Published courses."""
    return _sent(request, catalogue.courses_page(raw_cursor=cursor, limit=limit))


@api.get(
    "/programmes", response={200: schemas.ProgrammePage, **ERRORS}, tags=["courses"]
)
def programmes(request, cursor: str | None = None, limit: int | None = None):
    """Programmes: ordered tracks of courses and the rule that completes them
    (``all``, or ``at_least`` ``required_courses``)."""
    return _sent(request, catalogue.programmes_page(raw_cursor=cursor, limit=limit))


@api.get(
    "/completions",
    response={200: schemas.CompletionPage, **ERRORS},
    tags=["completions"],
)
def completion_list(
    request,
    updated_since: datetime | None = None,
    cursor: str | None = None,
    limit: int | None = None,
):
    """Completed enrolments in the client's subtree, oldest change first; personal
    IDs whole only for clients the department authorised. Scope: completions."""
    client = require(request, "completions")
    page = completions.completions_page(
        client, updated_since=updated_since, raw_cursor=cursor, limit=limit
    )
    return _sent(request, page)


@api.get(
    "/certificates/{code}",
    response={200: schemas.Certificate, 404: schemas.Error, **ERRORS},
    tags=["certificates"],
)
def certificate(request, code: str):
    """A certificate of the client's subtree by its verification code. Scope:
    completions."""
    client = require(request, "completions")
    body = completions.certificate_by_code(client, code)
    rows_sent(request, 1)
    return body


@api.get(
    "/aggregates", response={200: schemas.AggregatePage, **ERRORS}, tags=["aggregates"]
)
def aggregate_list(request, cursor: str | None = None, limit: int | None = None):
    """The open data counts (suppressed as published) for the client's communes.
    Scope: aggregates."""
    client = require(request, "aggregates")
    page = aggregates.aggregates_page(client, raw_cursor=cursor, limit=limit)
    return _sent(request, page)


@api.post(
    "/completions/import",
    response={200: schemas.ImportResult, 422: schemas.ImportErrors, **ERRORS},
    tags=["completions"],
)
def import_completions(request, body: schemas.ImportRequest):
    """Completions made on another platform, for learners of the client's subtree;
    all rows or none. Scope: import."""
    client = require(request, "import")
    rows = [(number, row.dict()) for number, row in enumerate(body.rows, start=1)]
    try:
        counts = imports.import_completions(
            rows, body.course_map, organisation=client.organisation
        )
    except imports.ImportRefused as refused:
        return Status(
            422, {"detail": "Nothing was imported.", "errors": refused.errors}
        )
    rows_sent(request, len(rows))
    return counts
