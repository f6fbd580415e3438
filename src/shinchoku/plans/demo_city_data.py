"""架空市（デモ）: an invented city whose plan uses other cities' evaluation practices together.

Nothing here is from the seed or from any real city's figures: the city, its code, departments,
programs, figures and grades are invented, and every name or note says so (「（デモ）」,
「デモデータ」). The practices are real cities' (docs/practices.md, /work/shared/REAL_WORLD.md):

- 達成度 on 川崎市's five levels, 1 best (1 目標を大きく上回って達成 … 5 目標を大きく下回った);
- two further dimensions (川崎市): 事業の妥当性 and 事業の有効性・効率性・経済性, 5 優る … 1 劣る;
- 「うち重点」 counts (川崎市) beside the totals: three programs are 重点;
- measures (施策, the tree's second level) graded A–D from the shares of their programs' grades;
- one entry 評価対象外 with its reason (枚方市 left COVID-hit items out of the count);
- an indicator with a baseline (長与町 grades against baseline and target) and a target 継続実施.

The code 999911 cannot be a real one: its first two digits (99) are no prefecture (01–47), and its
last digit is the JIS X 0402 check digit of 99991, so the code passes the same validation as a real
one. The tests' invented cities use 999903–999997; this one is taken by none of them.
"""

from typing import NotRequired, TypedDict

from shinchoku.domain.grades import Grade, GradeScale
from shinchoku.domain.scale_presets import PRESETS

DEMO_NOTE = "デモデータ: 架空市（実在しない市）の架空の事業です。名称・数値・内容は実在しません。"

ORGANIZATION = {"name": "架空市（デモ）", "jis_code": "999911"}

YEARS = (2024, 2025)

# 事業の妥当性 / 有効性・効率性・経済性 (川崎市): 5 優る … 1 劣る; the middle levels carry no wording.
DIMENSION_SCALE = GradeScale(
    name="5段階（5が優る）",
    grades=(
        Grade(label="5", meaning="優る", aliases=("５",)),
        Grade(label="4", aliases=("４",)),
        Grade(label="3", aliases=("３",)),
        Grade(label="2", aliases=("２",)),
        Grade(label="1", meaning="劣る", aliases=("１",)),
    ),
)

# The measures' own scale (A–D) for the measure rule; the wording is this demo's.
MEASURE_SCALE = GradeScale(
    name="施策の評価 A〜D（デモ）",
    grades=(
        Grade(label="A", meaning="順調（デモ）", aliases=("Ａ",)),
        Grade(label="B", meaning="おおむね順調（デモ）", aliases=("Ｂ",)),
        Grade(label="C", meaning="やや遅れ（デモ）", aliases=("Ｃ",)),
        Grade(label="D", meaning="遅れ（デモ）", aliases=("Ｄ",)),
    ),
)

# The measure rule in the form of shinchoku.domain.measures (branch measure): a measure at depth 2
# is A when all its counted programs are graded 3 (目標を達成) or better, B at 75 %, C at 50 %, else D.
MEASURE_RULE = {
    "kind": "shares",
    "depth": 2,
    "scale": MEASURE_SCALE.to_dict(),
    "thresholds": [
        {"grade": "A", "at_least": "3", "percent": "100"},
        {"grade": "B", "at_least": "3", "percent": "75"},
        {"grade": "C", "at_least": "3", "percent": "50"},
    ],
}

PLAN = {
    "slug": "kaku-r6-demo",
    "name": "架空市再犯防止推進計画（デモ）",
    "first_year": 2024,
    "last_year": 2028,
    "basic_goal": (
        "デモデータ: 架空市（実在しない市）の計画です。犯罪をした者等が地域社会の一員として生活を送れるよう"
        "支援し、安全で安心して暮らせるまちを目指します（デモ）。"
    ),
    "grade_scale": PRESETS["one-to-five"].to_dict(),
    "percent_places": 1,
    "dimensions": [
        {"key": "validity", "name": "事業の妥当性", "scale": DIMENSION_SCALE.to_dict()},
        {"key": "effectiveness", "name": "事業の有効性・効率性・経済性", "scale": DIMENSION_SCALE.to_dict()},
    ],
    "show_priority": True,
    "measure_rule": MEASURE_RULE,
}

FUKUSHI, SHURO, KYOIKU = "福祉政策課（デモ）", "就労支援課（デモ）", "教育指導課（デモ）"
DEPARTMENTS = (FUKUSHI, SHURO, KYOIKU)

# (label, title, children): children are nodes, or program numbers at the deepest level.
TREE = [
    (
        "1",
        "就労・住居の確保のための取組（デモ）",
        [
            ("(1)", "就労の支援（デモ）", [1, 2, 3]),
            ("(2)", "住居の確保（デモ）", [4, 5]),
        ],
    ),
    (
        "2",
        "保健医療・福祉サービスの利用の促進のための取組（デモ）",
        [
            ("(1)", "高齢者・障害者への支援（デモ）", [6, 7, 8]),
            ("(2)", "薬物依存を有する者への支援（デモ）", [9]),
        ],
    ),
    (
        "3",
        "非行の防止と民間協力者の活動の促進のための取組（デモ）",
        [
            ("(1)", "非行の防止（デモ）", [10, 11]),
            ("(2)", "民間協力者の活動の促進（デモ）", [12]),
        ],
    ),
]


class CityProgram(TypedDict):
    title: str
    department: str
    type: str
    priority: NotRequired[bool]
    # per fiscal year: (達成度, 妥当性, 有効性・効率性・経済性); None: 評価対象外 that year
    grades: dict[int, tuple[str, str, str] | None]


Q, QL = "quantitative", "qualitative"

PROGRAMS: dict[int, CityProgram] = {
    1: {
        "title": "就労相談窓口の運営（デモ）",
        "department": SHURO,
        "type": Q,
        "priority": True,
        "grades": {2024: ("2", "5", "4"), 2025: ("3", "5", "4")},
    },
    2: {
        "title": "協力雇用主の開拓（デモ）",
        "department": SHURO,
        "type": QL,
        "grades": {2024: ("3", "4", "3"), 2025: ("3", "4", "4")},
    },
    3: {
        "title": "就労体験の場の提供（デモ）",
        "department": SHURO,
        "type": QL,
        "grades": {2024: ("4", "3", "3"), 2025: ("3", "4", "3")},
    },
    4: {
        "title": "住まいの相談会（デモ）",
        "department": FUKUSHI,
        "type": QL,
        "grades": {2024: ("3", "4", "3"), 2025: ("2", "4", "4")},
    },
    5: {
        "title": "居住支援法人との連携（デモ）",
        "department": FUKUSHI,
        "type": QL,
        "grades": {2024: ("3", "3", "3"), 2025: ("3", "3", "3")},
    },
    6: {
        "title": "地域生活定着支援センターとの連携（デモ）",
        "department": FUKUSHI,
        "type": QL,
        "priority": True,
        "grades": {2024: ("1", "5", "5"), 2025: ("2", "5", "4")},
    },
    7: {
        "title": "高齢者の見守り（デモ）",
        "department": FUKUSHI,
        "type": QL,
        "grades": {2024: ("3", "4", "3"), 2025: ("3", "4", "3")},
    },
    8: {
        "title": "障害者の相談支援（デモ）",
        "department": FUKUSHI,
        "type": QL,
        "grades": {2024: ("4", "3", "2"), 2025: ("4", "3", "3")},
    },
    9: {
        "title": "薬物依存症の家族教室（デモ）",
        "department": FUKUSHI,
        "type": QL,
        "grades": {2024: ("3", "4", "3"), 2025: ("5", "3", "2")},
    },
    10: {
        "title": "非行防止教室（デモ）",
        "department": KYOIKU,
        "type": Q,
        "priority": True,
        "grades": {2024: ("3", "5", "4"), 2025: ("3", "5", "4")},
    },
    11: {
        "title": "少年の居場所づくり（デモ）",
        "department": KYOIKU,
        "type": QL,
        # FY2025: 評価対象外 (left out of the count, its reason printed), as 枚方市 did.
        "grades": {2024: ("3", "4", "3"), 2025: None},
    },
    12: {
        "title": "保護司会の活動への支援（デモ）",
        "department": FUKUSHI,
        "type": QL,
        "grades": {2024: ("2", "4", "4"), 2025: ("3", "4", "3")},
    },
}

EXCLUDED_REASON = "デモデータ: 会場の改修工事により事業を休止したため、評価対象外とした（架空）。"


class CityIndicator(TypedDict):
    name: str
    unit: str
    baseline: NotRequired[tuple[str, int]]  # (value, fiscal year)
    # per fiscal year: (target, actual, target_trend); target None with a trend: 継続実施 and the like
    values: dict[int, tuple[str | None, str | None, str]]


INDICATORS: dict[int, list[CityIndicator]] = {
    1: [
        {
            "name": "就労相談窓口を通じた就職者数（デモ指標）",
            "unit": "人",
            "baseline": ("40", 2023),
            "values": {2024: ("50", "56", ""), 2025: ("60", "58", "")},
        }
    ],
    10: [
        {
            "name": "非行防止教室の実施（デモ指標）",
            "unit": "回",
            "values": {2024: (None, "12", "continue"), 2025: (None, "12", "continue")},
        }
    ],
}

DEMO_USERS = [
    # username, role, departments, the name shown on screen
    ("kaku_jimukyoku", "secretariat", [], "架空市 事務局（デモ）"),
    ("kaku_fukushi", "editor", [FUKUSHI], "福祉政策課 担当（デモ）"),
    ("kaku_shuro", "editor", [SHURO], "就労支援課 担当（デモ）"),
    ("kaku_kyoiku", "editor", [KYOIKU], "教育指導課 担当（デモ）"),
]
