"""Numbers as Japanese staff write them, and as they mistype them: one hypothesis strategy for every test.

`spellings()` draws a figure written the way city documents write figures (▲5, △3, －５,
マイナス5, １，４８０件, 3万人, 64.3％, 延べ10,091名, 90%以上) or the way they go wrong
(1e5, NaN, Infinity, 30 digits, kanji numerals, mixed scripts, empty, spaces). Forms,
importers and the domain's parser are all driven by it, so they are held to one idea of
what a number is.
"""

from hypothesis import strategies as st

# Signs a decrease is written with: as accounts write it (▲ △), full-width and ASCII minus
# signs, the Unicode minus, hyphens and dashes, and the word.
MINUS_SIGNS = ["-", "－", "−", "‐", "‑", "–", "▲", "△", "マイナス", "ﾏｲﾅｽ"]
UNITS = [
    "",
    "人",
    "件",
    "戸",
    "回",
    "校",
    "名",
    "団体",
    "%",
    "％",
    "世帯",
    "か所",
    "社",
    "円",
    "千円",
    "人日",
]
BOUNDS = ["", "以上", "以下", "未満", "超"]
FULL_WIDTH = str.maketrans("0123456789,.-+%", "０１２３４５６７８９，．－＋％")
KANJI = str.maketrans("0123456789", "〇一二三四五六七八九")

# Spellings that must never be taken for a figure the city meant, nor break anything.
ODD = [
    "",
    " ",
    "\u3000",
    "―",
    "－",
    "1e5",
    "1E5",
    "1e309",
    "NaN",
    "nan",
    "-NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "∞",
    "0x10",
    "1_000",
    "五",
    "一二三",
    "三万",
    "百",
    "約5千",
    "5千",
    "１２３４５６７８９０１２３４５",
    "123456789012",
    "99999999999.999",
    "99999999999.9999",
    "9" * 30,
    "0." + "0" * 29 + "1",
    "1,00",
    "12,3456",
    "5.6.7",
    "1..2",
    "--5",
    "▲▲5",
    "+-5",
    "5-",
    "5▲",
    "(5)",
    "（５）",
    "½",
    "①",
    "²",
    "٣",
    "১২",
    "5\x00",
    "5\n6",
    "5 6",
    "<b>5</b>",
    "=1+1",
    "４２０人以下（令和８年）",
    "継続実施",
    "↑",
    "a" * 100,
]


@st.composite
def written_figures(draw: st.DrawFn) -> str:
    """A figure as a city document might write it: sign, digits, commas, 万/億, decimals, unit, bound."""
    whole = draw(st.integers(min_value=0, max_value=10**14))
    text = f"{whole:,}" if draw(st.booleans()) else str(whole)
    if draw(st.booleans()):
        text += "." + str(draw(st.integers(min_value=0, max_value=99999)))
    text += draw(st.sampled_from(["", "", "", "万", "億"]))
    if draw(st.booleans()):
        text = draw(st.sampled_from(MINUS_SIGNS)) + text
    if draw(st.booleans()):
        text = "延べ" + text
    text += draw(st.sampled_from(UNITS)) + draw(st.sampled_from(BOUNDS))
    script = draw(st.sampled_from(["ascii", "full", "mixed", "kanji"]))
    if script == "full":
        text = text.translate(FULL_WIDTH)
    elif script == "kanji":
        text = text.translate(KANJI)
    elif script == "mixed":
        text = "".join(c.translate(FULL_WIDTH) if draw(st.booleans()) else c for c in text)
    spaces = draw(st.sampled_from(["", " ", "\u3000", "\t"]))
    return spaces + text + spaces


def spellings() -> st.SearchStrategy[str]:
    """Every kind of number spelling: as written, oddly written, and arbitrary short text."""
    return st.one_of(
        written_figures(),
        st.sampled_from(ODD),
        st.text(
            alphabet=st.sampled_from("0123456789０１２３４５６７８９,，.．-－▲△万億%％人件 "), max_size=16
        ),
        st.text(max_size=12),
    )
