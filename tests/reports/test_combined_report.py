"""One report for several plans of one organization and year (国分寺市's 進捗状況評価報告書, issue 25 part 6).

Two plans of さいたま市 for 令和3年度: the seed's 再犯防止推進計画 (A／B／C／－, whole percents: A 12 =
16％, B 56 = 76％, C 0, － 6 = 8％ of 74) and a 地域福祉計画 on 達成／一定の成果あり／未達成 with one
decimal (達成 3 = 50.0％, 一定の成果あり 2 = 33.3％, 未達成 1 = 16.7％ of 6). Each keeps its own scale:
the summary puts them side by side and never adds 「A」 to 「達成」.
"""

import io
import re
from collections import Counter
from urllib.parse import urlencode

import pikepdf
import pytest
from django.urls import reverse

from combined_objects import NAME, SLUG, welfare_plan
from shinchoku.plans.models import Plan
from shinchoku.reports.combined import Combined, embed, render_html
from tests_helpers import login

pytestmark = pytest.mark.django_db
SEED = "saitama-r3"
DEFAULT_TITLE = "令和3年度 さいたま市 再犯防止推進計画等 進捗状況評価報告書"


def _row(label: str, count: int, share: str) -> str:
    return f'<th scope="row">{label}</th><td class="num">{count}</td><td class="num">{share}</td>'


def _url(fmt: str, *slugs: str, **more: str) -> str:
    query = [("year", "2021"), *(("plan", s) for s in slugs), *more.items()]
    return reverse("reports:combined_file", args=[fmt]) + "?" + urlencode(query)


def _combined(fmt: str = "html", *, confirmed_only: bool = False) -> Combined:
    plans = (Plan.objects.get(slug=SEED), welfare_plan())
    return Combined(fmt, plans, 2021, DEFAULT_TITLE, confirmed_only=confirmed_only)


def test_the_summary_shows_each_plans_own_scale_side_by_side_never_added_up() -> None:
    html = render_html(_combined())
    summary = html[html.index('id="title-page"') : html.index('class="plan-part"')]

    assert f"<h1>{DEFAULT_TITLE}</h1>" in summary
    for row in (_row("A", 12, "16％"), _row("B", 56, "76％"), _row("C", 0, "0％"), _row("－", 6, "8％")):
        assert row in summary
    for row in (_row("達成", 3, "50.0％"), _row("一定の成果あり", 2, "33.3％"), _row("未達成", 1, "16.7％")):
        assert row in summary
    totals = re.findall(r'<th scope="row">合計</th><td class="num">(\d+)</td>', summary)
    assert totals == ["74", "6"]  # one total per plan: no 80 of two scales added up
    assert "達成度の基準: 3段階（達成／一定の成果あり／未達成）" in summary


def test_each_plan_follows_as_its_own_council_report_with_its_scale() -> None:
    html = render_html(_combined())

    seed_part = html.index('id="part-1"')
    welfare_part = html.index('id="part-2"')
    assert seed_part < html.index("さいたま市再犯防止推進計画の進捗状況（令和3年度）") < welfare_part
    assert "1 就労・住居の確保等のための取組…14事業" in html[seed_part:welfare_part]
    welfare = html[welfare_part:]
    assert f"{NAME}の進捗状況（令和3年度）" in welfare
    assert "1 地域で支え合う仕組みづくり…3事業" in welfare
    assert '<th scope="row" class="grade">一定の成果あり</th>' in welfare  # its own legend
    assert '<th scope="row" class="grade">A</th>' not in welfare


def test_ids_stay_unique_and_the_council_styles_still_apply() -> None:
    html = render_html(_combined())

    ids = Counter(re.findall(r'(?<![\w-])id="([^"]+)"', html))
    assert [name for name, n in ids.items() if n > 1] == []
    assert {"p1-cover", "p2-cover", "p1-overall", "p2-overall", "p2-area-1"} <= set(ids)
    assert '[id$="-cover"] .levels' in html and "#cover" not in html
    assert "color: #52606d" in html  # colours are not id selectors


def test_references_to_ids_follow_them() -> None:
    html = (
        '<style>#cover h3 { color: #17496b; }</style><div class="running-title">題</div><main>'
        '<section id="cover"><a href="#overall">④</a><th id="h1">x</th><td headers="h1 h2">1</td></section>'
        "</main>"
    )
    part = embed(html, "p2")
    assert part.style == '<style>[id$="-cover"] h3 { color: #17496b; }</style>'
    assert '<section id="p2-cover"><a href="#p2-overall">' in part.content
    assert '<td headers="p2-h1 p2-h2">' in part.content


def test_embedding_refuses_a_report_it_cannot_read() -> None:
    with pytest.raises(ValueError, match="running title"):
        embed("<html><body><main></main></body></html>", "p1")


def test_the_pdf_is_tagged_with_language_title_and_a_heading_per_plan() -> None:
    pdf = pikepdf.open(io.BytesIO(_combined("pdf", confirmed_only=True).build()))

    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == "ja"
    assert str(pdf.docinfo.Title) == DEFAULT_TITLE
    assert "pdfuaid" in str(pdf.open_metadata())
    kinds = [str(e.S) for e in _elements(pdf.Root.StructTreeRoot.K)]
    assert kinds.count("/H1") == 3  # the title page, then each plan's report
    tables = [e for e in _elements(pdf.Root.StructTreeRoot.K) if str(e.S) == "/Table"]
    assert len(tables) >= 12
    for table in tables:
        cells = list(_elements(table.K))
        assert any(str(c.S) == "/TH" for c in cells)
        assert all(len(c.A.Headers) > 0 for c in cells if str(c.S) == "/TD")


def _elements(node: object) -> list[pikepdf.Dictionary]:
    if isinstance(node, pikepdf.Array):
        return [e for kid in node for e in _elements(kid)]
    if isinstance(node, pikepdf.Dictionary) and "/S" in node:
        return [node, *(_elements(node.K) if "/K" in node else [])]
    return []


def test_the_secretariat_chooses_the_plans_with_checkboxes_and_bookmarks_the_choice() -> None:
    welfare_plan()
    client = login("jimukyoku")

    page = client.get(reverse("reports:combined")).content.decode()
    assert f'name="plan" value="{SEED}"' in page and f'name="plan" value="{SLUG}"' in page
    assert 'method="get"' in page

    chosen = client.get(reverse("reports:combined") + f"?year=2021&plan={SEED}&plan={SLUG}").content.decode()
    assert f'value="{SLUG}" id="plan-{SLUG}" checked' in chosen
    assert f'placeholder="{DEFAULT_TITLE}"' in chosen

    report = client.get(_url("html", SEED, SLUG, title="令和3年度 さいたま市 福祉の計画 進捗状況評価報告書"))
    assert report.status_code == 200
    assert "<title>令和3年度 さいたま市 福祉の計画 進捗状況評価報告書</title>" in report.content.decode()


def test_the_report_links_from_the_plans_list_and_the_figures() -> None:
    client = login("jimukyoku")
    assert reverse("reports:combined") in client.get(reverse("home")).content.decode()
    dashboard = client.get(reverse("reports:dashboard", args=[SEED, 2021])).content.decode()
    assert reverse("reports:combined") + f"?year=2021&amp;plan={SEED}" in dashboard


def test_another_citys_plan_in_the_address_is_not_found() -> None:
    welfare_plan()
    assert login("jimukyoku").get(_url("html", SEED, "no-such-plan")).status_code == 404
    # A second city's secretariat asks for さいたま市's plans by name: they do not exist for it.
    from shinchoku.accounts.models import Organization, Role, User

    other = Organization.objects.create(name="デモ町（架空）", jis_code="999996")
    User.objects.create_user("other-town", organization=other, role=Role.SECRETARIAT)
    client = login("other-town")
    assert client.get(_url("html", SEED, SLUG)).status_code == 404
    assert client.get(reverse("reports:combined") + f"?year=2021&plan={SEED}").status_code == 404
    assert SEED not in client.get(reverse("reports:combined")).content.decode()


def test_a_department_is_refused_and_a_council_member_counts_confirmed_entries_only() -> None:
    welfare_plan()
    assert login("roudou").get(_url("html", SEED, SLUG)).status_code == 403
    html = login("iin").get(_url("html", SEED, SLUG)).content.decode()
    assert _row("達成", 3, "50.0％") in html and "確定した取組のみ" in html


def test_no_plan_or_a_title_too_long_is_refused_with_what_was_typed_kept() -> None:
    client = login("jimukyoku")
    none = client.get(_url("html", title="私の報告書"))
    assert none.status_code == 400
    assert "計画を1つ以上選んでください。" in none.content.decode()
    assert 'value="私の報告書"' in none.content.decode()

    long_title = "地域福祉計画" * 21  # 126 characters
    refused = client.get(_url("html", SEED, title=long_title))
    assert refused.status_code == 400
    assert "題名が長すぎます" in refused.content.decode() and long_title in refused.content.decode()
    assert client.get(_url("html", SEED).replace("year=2021", "year=abc")).status_code == 404


def test_each_plans_part_comes_from_the_document_cache_and_the_whole_is_kept() -> None:
    combined = _combined()
    first = combined.key()
    assert combined.key() == first  # the same plans, title and variant: the kept file
    retitled = Combined("html", combined.plans, 2021, "別の題名", confirmed_only=False)
    assert retitled.key() != first
    # Each part is the plan's council report as the download keeps it (documents.py).
    from shinchoku.lib import cache
    from shinchoku.reports.documents import ready_document

    part = combined.parts()[1]
    ready_document(part)
    assert cache.read(part.key()) is not None
