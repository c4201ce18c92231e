"""Response shapes, as the OpenAPI schema (/api/v1/openapi.json) publishes them."""

from datetime import date, datetime

from ninja import Schema


class Page(Schema):
    next_cursor: str | None = None
    has_more: bool


class UnitEvent(Schema):
    kind: str
    date: date
    decision: str
    predecessor_ids: list[int]
    successor_ids: list[int]


class Unit(Schema):
    id: int
    code: str
    official_code: str
    name: str
    kind: str
    parent_id: int | None
    active_from: date | None
    active_until: date | None
    succeeded_by_id: int | None
    events: list[UnitEvent]


class UnitPage(Page):
    items: list[Unit]


class Course(Schema):
    id: int
    title: str
    slug: str
    summary: str
    duration_minutes: int
    audiences: list[str]
    last_published_at: datetime | None


class CoursePage(Page):
    items: list[Course]


class Programme(Schema):
    id: int
    title: str
    description: str
    audience: str | None
    rule: str
    required_courses: int | None
    course_ids: list[int]


class ProgrammePage(Page):
    items: list[Programme]


class Completion(Schema):
    id: int
    updated_at: datetime
    completed_at: datetime
    course_id: int
    source: str
    unit_id: int | None
    unit_official_code: str | None
    learner_id: int
    personal_id: str


class CompletionPage(Page):
    items: list[Completion]


class Certificate(Schema):
    code: str
    serial: str
    status: str
    holder_name: str
    holder_personal_id: str
    course_id: int
    course_title: str
    issued_at: datetime | None
    revoked_at: datetime | None


class AggregateRow(Schema):
    month: str
    commune_code: str
    commune_name: str
    course_id: int
    course_title: str
    audience_code: str
    audience_name: str
    enrolled: int | None
    enrolled_suppressed: bool
    completed: int | None
    completed_suppressed: bool
    certificates_issued: int | None
    certificates_issued_suppressed: bool


class AggregatePage(Page):
    schema_version: int
    generated_at: str
    licence: str
    items: list[AggregateRow]


class ImportRow(Schema):
    personal_id: str
    course: str
    completed_on: str


class ImportRequest(Schema):
    course_map: dict[str, int]
    rows: list[ImportRow]


class ImportResult(Schema):
    created: int
    completed_existing: int
    already_completed: int


class ImportErrors(Schema):
    detail: str
    errors: list[str]


class Error(Schema):
    detail: str
