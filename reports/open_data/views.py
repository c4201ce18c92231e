"""Public open data downloads (no sign-in): an index page, CSV and JSON."""

import csv
import io
import json

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from . import data as open_data

PUBLIC = cache_control(public=True, max_age=open_data.CACHE_SECONDS)


@require_safe
@PUBLIC
def index(request):
    data = open_data.published()
    return render(
        request,
        "reports/open_data/index.html",
        {
            "columns": open_data.COLUMNS,
            "row_count": len(data["rows"]),
            "generated_at": data["generated_at"],
            "threshold": open_data.THRESHOLD,
            "licence": open_data.LICENCE,
            "schema_version": open_data.SCHEMA_VERSION,
        },
    )


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


@require_safe
@PUBLIC
def as_csv(request):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(open_data.COLUMN_NAMES)
    for row in open_data.published()["rows"]:
        writer.writerow([_csv_value(row[name]) for name in open_data.COLUMN_NAMES])
    response = HttpResponse(
        "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="hoan-thanh-khoa-hoc.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@PUBLIC
def as_json(request):
    data = open_data.published()
    body = {
        "schema_version": open_data.SCHEMA_VERSION,
        "generated_at": data["generated_at"],
        "licence": open_data.LICENCE,
        "suppression": {
            "threshold": open_data.THRESHOLD,
            "rule": "counts from 1 to 4 are null, with <measure>_suppressed true",
        },
        "columns": [
            {"name": name, "type": kind, "description": str(meaning)}
            for name, kind, meaning in open_data.COLUMNS
        ],
        "rows": data["rows"],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/json"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
