"""The badge list of an event as CSV, for the page and the API alike (cells made safe for spreadsheets)."""

import io

from django.http import HttpResponse

from sco.core import csvsafe


def badge_csv_response(rows: list[list[str]], event_id: int) -> HttpResponse:
    buffer = io.StringIO()
    writer = csvsafe.writer(buffer)
    writer.writerow(["registration", "name", "function", "delegation_code", "delegation"])
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="badges-event-{event_id}.csv"'
    return response
