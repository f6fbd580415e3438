"""Grade scales cities publish, by a short name, and a scale made from the grades a sheet holds.

The names are what `import_plan --scale` and the upload form accept (docs/import.md lists them).
"""

from shinchoku.domain.grades import SEED_SCALE, THREE_LEVEL_SCALE, Grade, GradeScale
from shinchoku.domain.text import DASHES, fold_width, squeeze_spaces

_DASH = tuple(sorted(DASHES))

PRESETS: dict[str, GradeScale] = {
    # さいたま市 (the seed): A / B / C / － (－ = could not be done, counted; its cause is the year's wording)
    "saitama": SEED_SCALE,
    # さいたま市 総合振興計画 H17–20
    "three-level": THREE_LEVEL_SCALE,
    # 川崎市 施策進行管理: 1 (目標を大きく上回って達成) … 5 (目標を大きく下回った), 1 best
    "one-to-five": GradeScale(
        name="5段階（1が最良）",
        grades=(
            Grade(label="1", meaning="目標を大きく上回って達成", aliases=("１",)),
            Grade(label="2", meaning="目標を上回って達成", aliases=("２",)),
            Grade(label="3", meaning="目標を達成", aliases=("３",)),
            Grade(label="4", meaning="目標を下回った", aliases=("４",)),
            Grade(label="5", meaning="目標を大きく下回った", aliases=("５",)),
        ),
    ),
    # 川崎市 事業の妥当性・有効性・効率性・経済性: 5 (優る) … 1 (劣る), 5 best; the published legend names
    # only the ends, so 4–2 carry no meaning of their own
    "five-to-one": GradeScale(
        name="5段階（5が最良: 優る…劣る）",
        grades=(
            Grade(label="5", meaning="優る", aliases=("５",)),
            Grade(label="4", aliases=("４",)),
            Grade(label="3", aliases=("３",)),
            Grade(label="2", aliases=("２",)),
            Grade(label="1", meaning="劣る", aliases=("１",)),
        ),
    ),
    # 川崎市 3年間の状況: I 当初の目標を上回って達成 … IV 法制度等の改定により比較不能 (IV not evaluable)
    "status-i-iv": GradeScale(
        name="3年間の状況（I／II／III／IV）",
        grades=(
            Grade(label="I", meaning="当初の目標を上回って達成", aliases=("Ⅰ", "1", "１", "Ｉ", "i")),
            Grade(label="II", meaning="当初の目標を達成", aliases=("Ⅱ", "2", "２", "ＩＩ", "ii")),
            Grade(label="III", meaning="当初の目標を下回った", aliases=("Ⅲ", "3", "３", "ＩＩＩ", "iii")),
            Grade(
                label="IV",
                meaning="法制度等の改定により比較不能",
                aliases=("Ⅳ", "4", "４", "ＩＶ", "iv"),
                not_evaluable=True,
            ),
        ),
    ),
    # 長与町: S / A / B / C / −（− = 測定できない）
    "s-to-c": GradeScale(
        name="S／A／B／C／－",
        grades=(
            Grade(label="S", aliases=("Ｓ", "s", "ｓ")),
            Grade(label="A", aliases=("Ａ", "a", "ａ")),
            Grade(label="B", aliases=("Ｂ", "b", "ｂ")),
            Grade(label="C", aliases=("Ｃ", "c", "ｃ")),
            Grade(label="－", meaning="評価不能", aliases=_DASH, not_evaluable=True),
        ),
    ),
    # A national evaluation of 133 measures: A / A′ / B+ / B / C / −
    "a-prime": GradeScale(
        name="A／A′／B+／B／C／－",
        grades=(
            Grade(label="A", aliases=("Ａ",)),
            Grade(label="A′", aliases=("Ａ′", "A'", "Ａ'", "A’", "Ａ’")),
            Grade(label="B+", aliases=("Ｂ＋", "B＋", "Ｂ+")),
            Grade(label="B", aliases=("Ｂ",)),
            Grade(label="C", aliases=("Ｃ",)),
            Grade(label="－", meaning="評価不能", aliases=_DASH, not_evaluable=True),
        ),
    ),
}


def _key(text: str) -> str:
    folded = squeeze_spaces(fold_width(text))
    return "－" if len(folded) == 1 and folded in DASHES else folded


def scale_from_labels(labels: list[str], name: str = "取り込んだ表の達成度") -> GradeScale:
    """Return a scale of the given grades, best first; a dash (－, ―, -) is the not-evaluable grade, last.

    The same grade written in two widths (Ａ and A) is one grade, spelled as first written, folded.
    """
    seen: dict[str, str] = {}
    for label in labels:
        key = _key(label)
        if key and key not in seen:
            seen[key] = key
    ordered = [k for k in seen if k != "－"] + (["－"] if "－" in seen else [])
    return GradeScale(
        name=name,
        grades=tuple(
            Grade(label=k, aliases=_DASH, not_evaluable=True) if k == "－" else Grade(label=k)
            for k in ordered
        ),
    )


def suggested_order(values: list[str]) -> list[str]:
    """Return grades found in a sheet in a likely best-first order for the user to correct.

    S before letters, letters and digits in their order, a dash last: A, B, C, －; S, A, B; 1, 2, 3.
    """
    keys = list(dict.fromkeys(_key(v) for v in values if _key(v)))
    return sorted(keys, key=lambda k: (k == "－", k != "S", k))


# The preset a city publishes itself, preselected on its upload form (by 全国地方公共団体コード); any other
# city chooses its scale explicitly rather than start with さいたま市's.
OWN_PRESET: dict[str, str] = {"111007": "saitama"}  # さいたま市


def own_preset(jis_code: str) -> str:
    """Return the preset the city with this code publishes itself, or "" (none to preselect)."""
    return OWN_PRESET.get(jis_code, "")


def preset_label(scale: GradeScale) -> str:
    """Return a preset as a reader chooses it: its name, then its grades unless the name already says them.

    「さいたま市 令和3年度 達成度（A／B／C／－）」 but 「3段階（達成／一定の成果あり／未達成）」, not that twice.
    """
    grades = "／".join(scale.labels)
    return scale.name if grades in scale.name else f"{scale.name}（{grades}）"


def preset_names() -> str:
    """Return the presets as a reader chooses them: 「saitama（A／B／C／－）」…"""
    return "、".join(f"{key}（{'／'.join(scale.labels)}）" for key, scale in PRESETS.items())
