"""Cases: only the assigned workers and a supervisor; every read logged; summaries checked before publishing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from shinchoku.cases import services
from shinchoku.cases.forms import summary_fingerprint
from shinchoku.cases.models import Case, CaseAccessLog, CaseSummary
from shinchoku.plans.models import Plan
from shinchoku.reports.council import render_html
from tests_helpers import client_for, login

pytestmark = pytest.mark.django_db
PERSONAS = ["anonymous", "jimukyoku", "roudou", "iin", "case2", "admin"]


@pytest.fixture
def case() -> Case:
    return Case.objects.get(label="A")


def urls(case: Case) -> list[tuple[str, str, dict[str, object]]]:
    summary = case.summaries.get()
    return [
        ("get", reverse("cases:detail", args=[case.pk]), {}),
        ("get", reverse("cases:export", args=[case.pk]), {}),
        ("get", reverse("cases:summary", args=[case.pk, summary.pk]), {}),
        ("get", reverse("cases:summary_new", args=[case.pk]), {}),
        ("post", reverse("cases:save", args=[case.pk]), {"version": "1", "label": "B"}),
        (
            "post",
            reverse("cases:event", args=[case.pk]),
            {"fiscal_year": "2022", "agency": "police", "kind": "other"},
        ),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_nobody_else_opens_a_case_whatever_the_url(case: Case, persona: str) -> None:
    client = client_for(persona)
    rows_before = CaseAccessLog.objects.count()
    for method, url, data in urls(case):
        response = getattr(client, method)(url, data)
        assert response.status_code == (302 if persona == "anonymous" else 404), (persona, url)
    case.refresh_from_db()
    assert case.label == "A" and case.events.count() == 8
    assert CaseAccessLog.objects.count() == rows_before  # a refused request reads nothing


def test_the_assigned_worker_and_the_supervisor_open_it(case: Case) -> None:
    for persona in ("case1", "case_sv"):
        assert login(persona).get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_every_view_and_export_adds_one_row_to_the_log(case: Case) -> None:
    client = login("case1")
    before = CaseAccessLog.objects.count()
    client.get(reverse("cases:detail", args=[case.pk]))
    assert CaseAccessLog.objects.count() == before + 1
    response = client.get(reverse("cases:export", args=[case.pk]))
    assert response["Cache-Control"] == "no-store"
    last = CaseAccessLog.objects.order_by("-pk").first()
    assert (last.case_id_logged, last.user.username, last.action) == (case.pk, "case1", "export")


def test_the_log_cannot_be_changed_or_deleted(case: Case) -> None:
    login("case1").get(reverse("cases:detail", args=[case.pk]))
    row = CaseAccessLog.objects.first()
    row.action = "nothing"
    with pytest.raises(PermissionDenied):
        row.save()
    with pytest.raises(PermissionDenied):
        row.delete()


def test_only_the_supervisor_reads_the_log() -> None:
    assert login("case_sv").get(reverse("cases:log")).status_code == 200
    assert login("case1").get(reverse("cases:log")).status_code == 403


def test_case_pages_are_not_cached(case: Case) -> None:
    assert login("case1").get(reverse("cases:detail", args=[case.pk]))["Cache-Control"] == "no-store"


def test_a_second_save_from_an_old_page_is_refused(case: Case) -> None:
    data = {"version": "1", "label": "A", "age_band": "中学生", "household": "", "status": "open"}
    assert (
        login("case1").post(reverse("cases:save", args=[case.pk]), data | {"household": "一人目"}).status_code
        == 302
    )
    response = login("case_sv").post(reverse("cases:save", args=[case.pk]), data | {"household": "二人目"})
    assert response.status_code == 409 and "二人目" in response.content.decode()
    case.refresh_from_db()
    assert case.household == "一人目"


def _summary_post(summary: CaseSummary, **texts: str) -> dict[str, str]:
    """Return the summary form as the page sends it, with some texts changed."""
    data = {
        "report_year": str(summary.report_year),
        "title": summary.title,
        "progress": summary.progress,
        "situation": summary.situation,
        "seen": summary_fingerprint(summary),
    }
    return data | texts


def _approve_and_publish(case: Case, summary: CaseSummary) -> None:
    approve = reverse("cases:summary_approve", args=[case.pk, summary.pk])
    assert login("case_sv").post(approve).status_code == 302
    assert (
        login("case1").post(reverse("cases:summary_publish", args=[case.pk, summary.pk])).status_code == 302
    )


def test_a_summary_with_identifiers_is_not_published(case: Case) -> None:
    """New behaviour (issue 17, finding 5): saving no longer publishes; approval and publishing are steps."""
    summary = case.summaries.get()
    url = reverse("cases:summary", args=[case.pk, summary.pk])
    planted = "\n担当は山田太郎さん。090-1234-5678"
    assert (
        login("case1").post(url, _summary_post(summary, progress=summary.progress + planted)).status_code
        == 302
    )
    summary.refresh_from_db()
    _approve_and_publish(case, summary)  # both refused while the texts hold identifiers
    summary.refresh_from_db()
    assert summary.published_at is None and summary.approved_at is None
    login("case1").post(url, _summary_post(summary, progress=summary.progress.replace(planted, "")))
    summary.refresh_from_db()
    _approve_and_publish(case, summary)
    summary.refresh_from_db()
    assert summary.published_at is not None


def test_a_published_summary_reaches_the_council_report_and_the_secretariat(case: Case) -> None:
    plan = Plan.objects.get(slug="saitama-r3")
    assert "事例の経過" not in render_html(plan, 2021)
    summary = case.summaries.get()
    login("case1").post(reverse("cases:summary", args=[case.pk, summary.pk]), _summary_post(summary))
    _approve_and_publish(case, summary)
    html = render_html(plan, 2021)
    assert "事例の経過" in html and "さわやか相談室" in html and "児童相談所" in html
    assert "さわやか相談室" in login("jimukyoku").get(reverse("cases:published")).content.decode()


IDENTIFYING_TITLE = "山田太郎さん（2005年4月1日生まれ）〒330-9588 さいたま市浦和区常盤6-4-4 048-829-1111"


def test_finding_5_identifiers_in_the_title_keep_the_summary_out_of_the_report(case: Case) -> None:
    summary = case.summaries.get()
    login("case1").post(
        reverse("cases:summary", args=[case.pk, summary.pk]), _summary_post(summary, title=IDENTIFYING_TITLE)
    )
    summary.refresh_from_db()
    assert summary.title == IDENTIFYING_TITLE  # saved as a draft, with the findings shown
    page = login("case1").get(reverse("cases:summary", args=[case.pk, summary.pk])).content.decode()
    assert (
        "人名「山田太郎さん」" in page and "電話番号「048-829-1111」" in page and "住所「〒330-9588」" in page
    )
    _approve_and_publish(case, summary)
    summary.refresh_from_db()
    assert summary.approved_at is None and summary.published_at is None
    assert "山田太郎" not in render_html(Plan.objects.get(slug="saitama-r3"), 2021)


def test_finding_5_kanji_digits_and_katakana_names_keep_the_summary_out_of_the_report(case: Case) -> None:
    summary = case.summaries.get()
    hidden = "連絡先〇四八・八二九・一一一一、ヤマダ タロウ、2005/4/1生、桜木町六丁目。"
    login("case1").post(
        reverse("cases:summary", args=[case.pk, summary.pk]),
        _summary_post(summary, situation=summary.situation + hidden),
    )
    summary.refresh_from_db()
    assert {f.kind for f in services.summary_flags(summary)} == {"電話番号", "人名", "生年月日", "住所"}
    _approve_and_publish(case, summary)
    summary.refresh_from_db()
    assert summary.published_at is None
    assert "ヤマダ" not in render_html(Plan.objects.get(slug="saitama-r3"), 2021)


def test_finding_5_only_another_persons_supervisor_approval_lets_a_summary_be_published(case: Case) -> None:
    summary = case.summaries.get()
    summary_url = reverse("cases:summary", args=[case.pk, summary.pk])
    approve = reverse("cases:summary_approve", args=[case.pk, summary.pk])
    publish = reverse("cases:summary_publish", args=[case.pk, summary.pk])
    worker, supervisor = login("case1"), login("case_sv")
    worker.post(summary_url, _summary_post(summary))
    assert publish not in worker.get(summary_url).content.decode()  # no publish button yet
    worker.post(publish)  # forged: refused, nothing published
    summary.refresh_from_db()
    assert summary.published_at is None
    assert worker.post(approve).status_code == 403  # a worker is no supervisor
    assert approve in supervisor.get(summary_url).content.decode()

    assert supervisor.post(approve).status_code == 302
    summary.refresh_from_db()
    assert summary.approved_by.username == "case_sv" and summary.is_approved()
    assert publish in worker.get(summary_url).content.decode()
    actions = list(CaseAccessLog.objects.filter(case_id_logged=case.pk).values_list("action", flat=True))
    assert "approve_summary" in actions
    assert summary.history.filter(approved_by__username="case_sv").exists()  # in the summary's history

    # A change after the approval needs a new one: the publish button goes and a forged publish is refused.
    worker.post(summary_url, _summary_post(summary, situation=summary.situation + "（追記）"))
    summary.refresh_from_db()
    assert summary.approved_at is None and not summary.is_approved()
    assert publish not in worker.get(summary_url).content.decode()
    worker.post(publish)
    summary.refresh_from_db()
    assert summary.published_at is None

    # The supervisor who wrote the texts cannot approve them.
    supervisor.post(summary_url, _summary_post(summary, situation=summary.situation + "（監督者が追記）"))
    supervisor.post(approve)
    summary.refresh_from_db()
    assert summary.approved_at is None


def test_finding_5_a_summary_published_without_approval_stays_out_of_the_report(case: Case) -> None:
    """A summary published before approvals existed (or changed by another path) is not printed."""
    summary = case.summaries.get()
    CaseSummary.objects.filter(pk=summary.pk).update(
        published_at=datetime.datetime(2022, 5, 1, tzinfo=datetime.UTC)
    )
    assert "事例の経過" not in render_html(Plan.objects.get(slug="saitama-r3"), 2021)
    assert "さわやか相談室" not in login("jimukyoku").get(reverse("cases:published")).content.decode()


def test_purge_respects_retention(case: Case) -> None:
    today = datetime.date.today()
    kept = Case.objects.create(
        organization=case.organization,
        label="B",
        status="closed",
        closed_on=today - datetime.timedelta(days=400),
        retain_until=today + datetime.timedelta(days=1),
    )
    due = Case.objects.create(
        organization=case.organization,
        label="C",
        status="closed",
        closed_on=today - datetime.timedelta(days=4000),
        retain_until=today - datetime.timedelta(days=1),
    )
    open_case = Case.objects.create(
        organization=case.organization, label="D", retain_until=today - datetime.timedelta(days=9)
    )
    call_command("purge_cases", verbosity=0)
    assert set(Case.objects.values_list("label", flat=True)) == {"A", "B", "D"}
    log = CaseAccessLog.objects.get(case_id_logged=due.pk)
    assert log.action == "purge" and str(due.retain_until) in log.detail
    assert kept.pk and open_case.pk


def test_the_database_refuses_to_change_the_log_on_postgresql(case: Case) -> None:
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL; SQLite relies on the model's guard")
    login("case1").get(reverse("cases:detail", args=[case.pk]))
    row = CaseAccessLog.objects.order_by("-pk").first()
    for sql in (
        "UPDATE cases_caseaccesslog SET action = 'x' WHERE id = %s",
        "DELETE FROM cases_caseaccesslog WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            connection.cursor().execute(sql, [row.pk])


def test_logs_and_the_access_log_hold_no_personal_details(
    case: Case, caplog: pytest.LogCaptureFixture
) -> None:
    """What a worker types about a person never reaches a log line (server logs outlive the case)."""
    import logging

    private = ["山田太郎さん", "さいたま市浦和区常盤9-9-9", "090-0000-0000"]
    caplog.set_level(logging.DEBUG)  # everything any logger emits, stricter than the production WARNING
    worker = login("case1")
    worker.get(reverse("cases:detail", args=[case.pk]))
    event = {
        "fiscal_year": "2022",
        "month": "13",
        "agency": "police",
        "kind": "other",
        "note": " ".join(private),
    }
    worker.post(reverse("cases:event", args=[case.pk]), event)  # refused (month 13): a 400 is logged
    worker.post(reverse("cases:event", args=[case.pk]), event | {"month": "5"})
    data = {"version": "1", "label": "A", "age_band": "中学生", "household": private[0], "status": "open"}
    worker.post(reverse("cases:save", args=[case.pk]), data)
    worker.post(reverse("cases:save", args=[case.pk]), data)  # stale: 409, logged as a warning
    worker.get(reverse("cases:export", args=[case.pk]))

    assert any(r.levelno >= logging.WARNING for r in caplog.records)  # the refusals were logged…
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert not [p for p in private if p in logged]  # …without what was typed
    details = " ".join(CaseAccessLog.objects.values_list("detail", flat=True))
    assert not [p for p in private if p in details]


def test_a_summary_saved_by_someone_else_meanwhile_is_not_overwritten(case: Case) -> None:
    from html_forms import form_values

    summary = case.summaries.get()
    url = reverse("cases:summary", args=[case.pk, summary.pk])
    first, second = login("case1"), login("case_sv")
    first_page = form_values(first.get(url).content.decode(), matching="class=card")
    second_page = form_values(second.get(url).content.decode(), matching="class=card")
    assert first.post(url, first_page | {"situation": "一人目が保存した状況"}).status_code == 302
    late = second.post(url, second_page | {"situation": "二人目が書いた状況"})
    assert late.status_code == 409
    assert "ほかの人が保存しました" in late.content.decode() and "二人目が書いた状況" in late.content.decode()
    summary.refresh_from_db()
    assert summary.situation == "一人目が保存した状況"


def _case_post(case: Case, **changes: str) -> dict[str, str]:
    """Return the case form as the page sends it, with some fields changed."""
    data = {
        "version": str(case.version),
        "label": case.label,
        "age_band": case.age_band,
        "household": case.household,
        "agencies": case.agencies,
        "status": case.status,
        "closed_on": str(case.closed_on or ""),
        "retain_until": str(case.retain_until or ""),
    }
    return data | changes


def test_finding_11_a_case_worker_cannot_close_a_case_or_schedule_it_for_purge(case: Case) -> None:
    today = datetime.date.today()
    url = reverse("cases:save", args=[case.pk])
    response = login("case1").post(
        url,
        _case_post(
            case, status="closed", closed_on=str(today), retain_until="2000-01-02", household="入力中"
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "事例を終結できるのは事例の監督者だけです。" in page
    assert "保存期限を設定・短縮できるのは事例の監督者だけです。" in page
    assert "入力中" in page  # the typed values stay on the page
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.retain_until, case.version) == ("open", None, None, 1)
    call_command("purge_cases", verbosity=0)
    assert Case.objects.filter(pk=case.pk).exists()


def test_finding_11_the_service_refuses_a_forged_shortening_whatever_the_form(case: Case) -> None:
    from django.core.exceptions import ValidationError

    from shinchoku.accounts.models import User
    from shinchoku.cases.services import save_case

    supervisor, worker = User.objects.get(username="case_sv"), User.objects.get(username="case1")
    closed = save_case(
        case=case,
        actor=supervisor,
        version=1,
        fields={"status": "closed", "closed_on": datetime.date(2022, 3, 1), "retain_until": None},
    )
    assert closed.retain_until == datetime.date(2027, 3, 31)  # blank: the minimum, 5 fiscal years
    for fields in (
        {"retain_until": datetime.date(2000, 1, 2)},
        {"retain_until": datetime.date(2027, 3, 30)},
        {"retain_until": None},
        {"closed_on": datetime.date(2010, 4, 1)},
    ):
        with pytest.raises(ValidationError):
            save_case(case=closed, actor=worker, version=closed.version, fields=fields)
    kept_longer = save_case(
        case=closed, actor=worker, version=closed.version, fields={"retain_until": datetime.date(2030, 3, 31)}
    )
    assert kept_longer.retain_until == datetime.date(2030, 3, 31)  # keeping longer is anyone's to do


def test_finding_11_even_a_supervisor_keeps_a_closed_case_for_the_minimum(case: Case) -> None:
    url = reverse("cases:save", args=[case.pk])
    supervisor = login("case_sv")
    too_soon = supervisor.post(
        url, _case_post(case, status="closed", closed_on="2022-03-01", retain_until="2000-01-02")
    )
    assert too_soon.status_code == 400
    assert "終結した年度の翌年度から5年以上保存します" in too_soon.content.decode()
    assert "令和9年3月31日" in too_soon.content.decode()
    case.refresh_from_db()
    assert case.status == "open"
    assert (
        supervisor.post(
            url, _case_post(case, status="closed", closed_on="2022-03-01", retain_until="2027-03-31")
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert (case.status, case.retain_until) == ("closed", datetime.date(2027, 3, 31))


def test_finding_11_a_date_saved_before_the_rule_does_not_purge_a_case_early(case: Case) -> None:
    today = datetime.date.today()
    Case.objects.filter(pk=case.pk).update(
        status="closed", closed_on=today - datetime.timedelta(days=30), retain_until=datetime.date(2000, 1, 2)
    )
    call_command("purge_cases", verbosity=0)
    assert Case.objects.filter(pk=case.pk).exists()


def test_a_new_summary_is_saved_as_a_draft_awaiting_approval(case: Case) -> None:
    response = login("case1").post(
        reverse("cases:summary_new", args=[case.pk]),
        {
            "report_year": "2022",
            "title": "取組事例",
            "progress": "面接を継続した。",
            "situation": "",
            "publish": "1",
        },
    )
    assert response.status_code == 302
    summary = case.summaries.get(report_year=2022)
    assert summary.edited_by.username == "case1"
    assert (summary.approved_at, summary.published_at) == (None, None)  # a forged "publish" does nothing
