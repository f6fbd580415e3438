"""The secretariat maps a program on its own to the national 重点課題 on its screen (issue 20).

A program follows the issues of its areas; mapped on its own, its issues replace them for that
national plan, and ticking none lets it follow its areas again. Saitama's demo maps areas 1–5 to
the first national plan's issues 1–5.
"""

import pytest

from shinchoku.accounts.models import User
from shinchoku.national.mapping import program_issues
from shinchoku.national.models import NationalIssue, NationalPlan, ProgramMapping
from shinchoku.national.services import MappingError, set_program_issues
from shinchoku.plans.models import Program
from tests_helpers import login

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"
# 22 生活困窮者自立支援制度における取組 (生活福祉課) is listed under 2(1)① only: it follows issue 2.
PROGRAM_22 = f"/plans/{PLAN}/national/programs/22/?national_plan=first"


def issue(number: int, code: str = "first") -> NationalIssue:
    return NationalIssue.objects.get(national_plan__code=code, number=number)


def seen_of(client: object, url: str = PROGRAM_22) -> str:
    return client.get(url).context["form"].initial["seen"]  # type: ignore[attr-defined, no-any-return]


def followed_in_2021(number: int) -> list[int]:
    program = Program.objects.get(plan__slug=PLAN, number=number)
    first = NationalPlan.objects.get(code="first")
    ids = program_issues([program.plan_id], 2021, first)[program.pk]
    return sorted(NationalIssue.objects.filter(pk__in=ids).values_list("number", flat=True))


def test_a_program_mapped_on_its_own_follows_its_own_issues_instead_of_its_areas() -> None:
    client = login("jimukyoku")
    assert followed_in_2021(22) == [2]

    response = client.post(
        PROGRAM_22, {"issues": [str(issue(1).pk), str(issue(2).pk)], "seen": seen_of(client)}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("/national/?national_plan=first#program-22")
    assert followed_in_2021(22) == [1, 2]
    added = ProgramMapping.history.filter(program__number=22, history_type="+")
    assert sorted(h.history_user.username for h in added) == ["jimukyoku", "jimukyoku"]
    page = client.get(f"/plans/{PLAN}/national/?national_plan=first").content.decode()
    row = page.split('id="program-22"')[1].split("</tr>")[0]
    assert "<s>2 保健医療・福祉サービスの利用の促進等</s>" in row  # inherited, replaced
    assert "<strong>1 就労・住居の確保等</strong>" in row


def test_ticking_none_lets_the_program_follow_its_areas_again_and_the_history_says_who() -> None:
    client = login("jimukyoku")
    program = Program.objects.get(plan__slug=PLAN, number=22)
    ProgramMapping.objects.create(program=program, issue=issue(6))
    assert followed_in_2021(22) == [6]

    response = client.post(PROGRAM_22, {"seen": seen_of(client)})

    assert response.status_code == 302
    assert followed_in_2021(22) == [2]
    removed = ProgramMapping.history.get(program_id=program.pk, history_type="-")
    assert removed.history_user.username == "jimukyoku"
    page = client.get(PROGRAM_22).content.decode()
    assert "削除: 再犯防止推進計画（第一次） 6 地方公共団体との連携強化等" in page


def test_a_relisted_program_shows_every_area_it_inherits_from() -> None:
    # 9 is listed under 1(1)② and re-listed (再掲) under 2(1)① and 5(2)①.
    page = login("jimukyoku").get(f"/plans/{PLAN}/national/programs/9/?national_plan=first")

    assert [i.number for i in page.context["inherited"]] == [1, 2, 5]


def test_a_stale_program_page_is_refused_and_changes_nothing() -> None:
    response = login("jimukyoku").post(PROGRAM_22, {"issues": [str(issue(1).pk)], "seen": "an older page"})

    assert response.status_code == 409
    assert "ほかの人が対応づけを保存しました" in response.content.decode()
    assert not ProgramMapping.objects.exists()


def test_an_issue_of_the_other_national_plan_is_refused_with_the_ticks_kept() -> None:
    client = login("jimukyoku")
    response = client.post(PROGRAM_22, {"issues": [str(issue(1, "second").pk)], "seen": seen_of(client)})

    assert response.status_code == 400
    assert "正しく選択してください" in response.content.decode()
    assert not ProgramMapping.objects.exists()


def test_the_service_refuses_an_issue_of_another_national_plan_in_japanese() -> None:
    program = Program.objects.get(plan__slug=PLAN, number=22)
    first = NationalPlan.objects.get(code="first")

    with pytest.raises(MappingError, match=r"再犯防止推進計画（第一次）にない重点課題は選べません。"):
        set_program_issues(
            program, first, [issue(1, "second").pk], actor=User.objects.get(username="jimukyoku")
        )
    assert not ProgramMapping.objects.exists()


def test_a_department_may_not_map_a_program_and_a_number_the_plan_lacks_is_not_found() -> None:
    # Other organizations get 404 (the access matrix); 61 and a number past a small integer name no program.
    assert login("roudou").post(PROGRAM_22, {"issues": [str(issue(1).pk)]}).status_code == 403
    client = login("jimukyoku")
    assert client.get(f"/plans/{PLAN}/national/programs/61/").status_code == 404
    assert client.get(f"/plans/{PLAN}/national/programs/99999999999/").status_code == 404
    assert not ProgramMapping.objects.exists()
