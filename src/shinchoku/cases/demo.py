"""The seed's case A (⑦: 令和元年度–令和3年度), assigned to case1 and not to case2."""

from shinchoku.accounts.models import Organization, User
from shinchoku.cases.models import Case, CaseEvent, CaseSummary

EVENTS = [
    (2019, 4, "police", "notice", "警察からAの万引きによる触法通告が児童相談所に入った。"),
    (2019, 6, "police", "notice", "再び触法通告。通告を受けて、児童相談所がＡとの関わりを開始。"),
    (
        2019,
        None,
        "child_guidance",
        "interview",
        "面接を通じ、Ａの特性や問題行動の原因などを把握。併せて父母とも定期的に面接。",
    ),
    (2020, 6, "police", "notice", "再度、触法通告が児童相談所に入った。"),
    (
        2020,
        7,
        "school",
        "school_start",
        "担任からの働き掛けがきっかけで、中学校のさわやか相談室に登校し始めた。",
    ),
    (
        2020,
        None,
        "child_guidance",
        "conference",
        "児童相談所と中学校でケースカンファレンス。さわやか相談室で受入れを継続することを確認。",
    ),
    (
        2021,
        None,
        "child_guidance",
        "interview",
        "令和2年6月以降、万引きを行っていないことを確認。Ａ、父母と面接し、生活の見直し。",
    ),
    (
        2021,
        None,
        "child_guidance",
        "closure",
        "万引きの再発がなく、さわやか相談室との関係が継続していることから、児童相談所の関わりを終了。",
    ),
]
PROGRESS = (
    "令和元年度（Ａ：中学１年生）\n・４月と６月に、警察からAの万引きによる触法通告が児童相談所に入った。\n"
    "・通告を受けて、児童相談所がＡとの関わりを開始。面接を通じ、Ａの特性や問題行動の原因などを把握するとともに、"
    "併せて父母とも定期的に面接を行った。\n"
    "令和２年度（Ａ：中学２年生）\n・６月に再度、触法通告が児童相談所に入った。\n"
    "・Ａは、担任からの働き掛けがきっかけで、７月頃から、中学校に設置されている「さわやか相談室」に登校し始めた。\n"
    "・児童相談所と中学校の間でも、情報共有や対応を協議するため、ケースカンファレンスを実施。"
    "さわやか相談室において、Ａの居場所となるよう受入れを継続することを確認した。\n"
    "令和３年度（Ａ：中学３年生）\n・令和２年６月以降、Ａが万引きを行っていないことを確認。\n"
    "・児童相談所にてＡ、父母と面接を行い、改めて生活の見直しなどを行った。"
    "（万引きの再発が無いこと、さわやか相談室との関係が継続していることから、児童相談所の関わりは終了とした。）"
)
SITUATION = (
    "対象者：Ａ（中学生）\n世帯構成：父、母、A、兄、弟\n世帯の状況：小学校６年生から、Aは不登校の状態。"
    "父母は、Ａの問題行動に困り果てていた。（昼夜逆転の生活、家財を無断で売却する 等）"
)


def load_case_demo(organization: Organization) -> None:
    """Create case A once (found by its label), with its timeline and a draft summary."""
    case = Case.objects.filter(organization=organization, label="A").first()
    if case is None:
        case = Case.objects.create(
            organization=organization,
            label="A",
            age_band="中学生（令和元年度 中学1年生）",
            household="父、母、A、兄、弟。小学校6年生から不登校。",
            is_demo=True,
            agencies=["police", "child_guidance", "school", "guardians"],
        )
        CaseEvent.objects.bulk_create(
            CaseEvent(case=case, fiscal_year=y, month=m, agency=a, kind=k, note=n) for y, m, a, k, n in EVENTS
        )
        CaseSummary.objects.create(case=case, report_year=2021, progress=PROGRESS, situation=SITUATION)
    worker = User.objects.filter(username="case1").first()
    if worker is not None:
        case.workers.add(worker)
