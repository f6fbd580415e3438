"""The council's opinions and the city's answers of several plans for a year, as HTML or tagged PDF.

Who reads it is who reads the council's page (council/access.py): everyone who works with the plans
(the secretariat, departments, council members; 403 for case workers and analysts), another
organization's plan in the query a 404.
"""

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from shinchoku.accounts.requests import AuthedRequest
from shinchoku.council import access, answers
from shinchoku.reports.combined import MEDIA_TYPES, file_name, year_of_query


def answers_file(request: AuthedRequest, fmt: str) -> HttpResponse:
    """Return the year's opinions of the plans in the query with the city's answers."""
    user = request.user
    year = year_of_query(request.GET.get("year"))
    if fmt not in MEDIA_TYPES or year is None:
        raise Http404
    plans = access.get_plans(user, request.GET.getlist("plan"), year)
    if fmt == "pdf":
        content = answers.render_pdf(user, plans, year)
    else:
        content = answers.render_html(user, plans, year).encode()
    response = HttpResponse(content, content_type=MEDIA_TYPES[fmt])
    name = file_name(fmt, answers.title_of(plans, year))
    response["Content-Disposition"] = content_disposition_header(fmt != "html", name) or ""
    response["Cache-Control"] = "no-store"
    return response
