"""Access matrix rows: the secretariat's outcome values and context statistics (issue 20).

Only the plan's own secretariat keeps them: a department or a council member of the plan reads the
figures in the dashboard and the report and is refused here (403); whoever cannot read the plan
(a case worker, another city's secretariat, the analyst) finds nothing (404).
"""

PLAN = "saitama-r3"
SECRETARIAT_ONLY = [302, 200, 403, 403, 403, 404, 404, 404]


def _refused(status: int) -> list[int]:
    """The secretariat's post is answered with status (a refusal that writes nothing); the others as a page."""
    return [302, status, 403, 403, 403, 404, 404, 404]


def _outcome(o: object) -> int:
    from shinchoku.outcomes.models import Outcome

    return Outcome.objects.get(plan__slug=PLAN, name="再犯者数（デモ値）").pk


def _series(o: object) -> int:
    from shinchoku.outcomes.models import ContextSeries

    return ContextSeries.objects.get(plan__slug=PLAN, name="刑法犯検挙者数（デモ値）").pk


OUTCOME = {
    "name": "再犯者数（デモ値）",
    "direction": "lower",
    "year_kind": "calendar",
    "baseline_first_year": "2016",
    "baseline_last_year": "2020",
    "target_value": "464",
    "target_year": "2025",
    "version": "999",
}
ROWS = [
    (
        "outcomes:list",
        "the plan's outcomes",
        "get",
        lambda o: f"/plans/{PLAN}/outcomes/",
        {},
        SECRETARIAT_ONLY,
    ),
    (
        "outcomes:outcome_new",
        "a new outcome",
        "get",
        lambda o: f"/plans/{PLAN}/outcomes/new/",
        {},
        SECRETARIAT_ONLY,
    ),
    (
        "outcomes:outcome_new",
        "add an outcome without a name",
        "post",
        lambda o: f"/plans/{PLAN}/outcomes/new/",
        {**OUTCOME, "name": ""},
        _refused(400),
    ),
    (
        "outcomes:outcome_edit",
        "an outcome",
        "get",
        lambda o: f"/plans/{PLAN}/outcomes/{_outcome(o)}/",
        {},
        SECRETARIAT_ONLY,
    ),
    (
        "outcomes:outcome_edit",
        "change an outcome from a stale page",
        "post",
        lambda o: f"/plans/{PLAN}/outcomes/{_outcome(o)}/",
        OUTCOME,
        _refused(409),
    ),
    (
        "outcomes:outcome_edit",
        "an outcome that does not exist",
        "get",
        lambda o: f"/plans/{PLAN}/outcomes/999999/",
        {},
        [302, 404, 403, 403, 403, 404, 404, 404],
    ),
    (
        "outcomes:value_new",
        "a new value",
        "get",
        lambda o: f"/plans/{PLAN}/outcomes/{_outcome(o)}/values/new/",
        {},
        SECRETARIAT_ONLY,
    ),
    (
        "outcomes:value_new",
        "record a year already recorded",
        "post",
        lambda o: f"/plans/{PLAN}/outcomes/{_outcome(o)}/values/new/",
        {"year": "2021", "value": "538", "source": "ministry"},
        _refused(400),
    ),
    (
        "outcomes:value_edit",
        "a year's value",
        "get",
        lambda o: f"/plans/{PLAN}/outcomes/{_outcome(o)}/values/2021/",
        {},
        SECRETARIAT_ONLY,
    ),
    (
        "outcomes:value_edit",
        "correct a value from a stale page",
        "post",
        lambda o: f"/plans/{PLAN}/outcomes/{_outcome(o)}/values/2021/",
        {"value": "５３９", "source": "ministry", "reason": "誤記の訂正", "version": "999"},
        _refused(409),
    ),
    (
        "outcomes:value_edit",
        "a year without a value",
        "get",
        lambda o: f"/plans/{PLAN}/outcomes/{_outcome(o)}/values/2030/",
        {},
        [302, 404, 403, 403, 403, 404, 404, 404],
    ),
    (
        "outcomes:context",
        "context statistics",
        "get",
        lambda o: f"/plans/{PLAN}/context/",
        {},
        SECRETARIAT_ONLY,
    ),
    (
        "outcomes:series_new",
        "a new statistic",
        "get",
        lambda o: f"/plans/{PLAN}/context/new/",
        {},
        SECRETARIAT_ONLY,
    ),
    (
        "outcomes:series_new",
        "add a statistic that exists",
        "post",
        lambda o: f"/plans/{PLAN}/context/new/",
        {"name": "刑法犯検挙者数（デモ値）", "year_kind": "calendar", "source": "police"},
        _refused(400),
    ),
    (
        "outcomes:series_edit",
        "a statistic",
        "get",
        lambda o: f"/plans/{PLAN}/context/{_series(o)}/",
        {},
        SECRETARIAT_ONLY,
    ),
    (
        "outcomes:series_edit",
        "change a statistic from a stale page",
        "post",
        lambda o: f"/plans/{PLAN}/context/{_series(o)}/",
        {"name": "刑法犯検挙者数", "year_kind": "calendar", "source": "police", "version": "999"},
        _refused(409),
    ),
    (
        "outcomes:context_value_new",
        "a new figure",
        "get",
        lambda o: f"/plans/{PLAN}/context/{_series(o)}/values/new/",
        {},
        SECRETARIAT_ONLY,
    ),
    (
        "outcomes:context_value_new",
        "record a figure that is not a number",
        "post",
        lambda o: f"/plans/{PLAN}/context/{_series(o)}/values/new/",
        {"year": "2022", "value": "約5千"},
        _refused(400),
    ),
    (
        "outcomes:context_value_edit",
        "a year's figure",
        "get",
        lambda o: f"/plans/{PLAN}/context/{_series(o)}/values/2021/",
        {},
        SECRETARIAT_ONLY,
    ),
    (
        "outcomes:context_value_edit",
        "correct a figure from a stale page",
        "post",
        lambda o: f"/plans/{PLAN}/context/{_series(o)}/values/2021/",
        {"value": "1,276", "reason": "誤記の訂正", "version": "999"},
        _refused(409),
    ),
    (
        "outcomes:context_upload",
        "the context upload",
        "get",
        lambda o: f"/plans/{PLAN}/context/upload/",
        {},
        SECRETARIAT_ONLY,
    ),
    (
        "outcomes:context_upload",
        "upload without a file",
        "post",
        lambda o: f"/plans/{PLAN}/context/upload/",
        {},
        _refused(400),
    ),
    (
        "outcomes:context_upload",
        "confirm a forged preview",
        "post",
        lambda o: f"/plans/{PLAN}/context/upload/",
        {"token": "forged"},
        _refused(400),
    ),
]
