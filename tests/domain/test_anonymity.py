"""The anonymiser's check: identifiers planted in a case are caught; the seed's ⑦ passes as published."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.anonymity import flags

SEED_CASE = (
    "４月と６月に、警察からAの万引きによる触法通告が児童相談所に入った。通告を受けて、児童相談所がＡとの関わりを開始。"
    "面接を通じ、Ａの特性や問題行動の原因などを把握するとともに、併せて父母とも定期的に面接を行った。"
    "Ａは、担任からの働き掛けがきっかけで、７月頃から、中学校に設置されている「さわやか相談室」に登校し始めた。"
    "児童相談所と中学校の間でも、情報共有や対応を協議するため、ケースカンファレンスを実施。"
    "世帯構成：父、母、A、兄、弟。小学校６年生から、Aは不登校の状態。"
)


def test_the_seeds_published_case_has_nothing_identifying() -> None:
    assert flags(SEED_CASE) == []


@pytest.mark.parametrize(
    ("planted", "kind"),
    [
        ("担当は山田太郎さんが行った。", "人名"),
        ("連絡先は090-1234-5678。", "電話番号"),
        ("連絡先は048（829）1111。", "電話番号"),
        ("2008年4月1日生まれ。", "生年月日"),
        ("平成20年4月1日生", "生年月日"),
        ("住所はさいたま市大宮区桜木町1-7。", "住所"),
        ("〒330-9588 に送付。", "住所"),
        ("大宮北中学校に在籍。", "学校名"),
        ("氏名は伏せる。", "人名"),
    ],
)
def test_planted_identifiers_are_caught(planted: str, kind: str) -> None:
    assert kind in {f.kind for f in flags(SEED_CASE + planted)}


@given(st.text(max_size=300))
def test_the_check_never_fails(text: str) -> None:
    for flag in flags(text):
        assert flag.text and text[flag.start : flag.start + len(flag.text)] == flag.text


# Issue 17, finding 5: what the insider wrote and the check let through.
@pytest.mark.parametrize(
    ("planted", "kind"),
    [
        ("連絡先は〇四八・八二九・一一一一。", "電話番号"),
        ("連絡先は０４８－８２９－１１１１。", "電話番号"),
        ("連絡先は048 829 1111。", "電話番号"),
        ("本人はヤマダ タロウ。", "人名"),
        ("本人はﾔﾏﾀﾞ ﾀﾛｳ。", "人名"),
        ("本人はヤマダ\u3000タロウ。", "人名"),
        ("タロウくんは元気。", "人名"),
        ("2005/4/1生まれ。", "生年月日"),
        ("２００５／４／１生まれ。", "生年月日"),
        ("H17.4.1生まれ。", "生年月日"),
        ("平成十七年四月一日生まれ。", "生年月日"),
        ("二〇〇五年四月一日生まれ。", "生年月日"),
        ("桜木町六丁目に住む。", "住所"),
        ("桜木町二十三丁目に住む。", "住所"),
        ("常盤六番地七号。", "住所"),
        ("〒三三〇‐九五八八。", "住所"),
    ],
)
def test_finding_5_identifiers_in_kanji_digits_widths_and_spaces_are_caught(planted: str, kind: str) -> None:
    found = [f for f in flags(SEED_CASE + planted) if f.kind == kind]
    assert found and all(f.text in planted for f in found)


@pytest.mark.parametrize(
    ("numerals", "digits"),
    [
        ("〇四八", "048"),
        ("六", "6"),
        ("十", "10"),
        ("二十三", "23"),
        ("千九百八十五", "1985"),
        ("百五", "105"),
    ],
)
def test_kanji_numerals_read_as_digits(numerals: str, digits: str) -> None:
    from shinchoku.domain.anonymity import kanji_number

    assert kanji_number(numerals) == digits


@pytest.mark.parametrize(
    "ordinary",
    [
        "一番の理由は、家庭での居場所がないことだった。",  # 一番 is "most", not an address
        "二人の兄弟と一緒に、三者で面談した。",
        "相談は1回、面接は2回行った。",
        "ケースカンファレンスを実施。",
    ],
)
def test_ordinary_words_with_numerals_are_not_flagged(ordinary: str) -> None:
    assert flags(ordinary) == []


def test_a_name_with_a_kanji_numeral_is_still_a_name() -> None:
    assert [f.text for f in flags("担当は山田二郎さん。")] == ["山田二郎さん"]


_KANJI = "〇一二三四五六七八九"
_WIDTHS = {
    "ascii": lambda d: d,
    "full width": lambda d: d.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "kanji": lambda d: d.translate(str.maketrans("0123456789", _KANJI)),
}


@given(
    area=st.from_regex(r"0[1-9]{1,3}", fullmatch=True),
    local=st.from_regex(r"[1-9][0-9]{2,3}", fullmatch=True),
    line=st.from_regex(r"[0-9]{4}", fullmatch=True),
    separator=st.sampled_from(["-", "－", "ー", "・", "（", " ", "　", "."]),
    width=st.sampled_from(sorted(_WIDTHS)),
)
def test_a_phone_number_is_caught_however_it_is_written(
    area: str, local: str, line: str, separator: str, width: str
) -> None:
    closing = "）" if separator == "（" else separator
    number = _WIDTHS[width](f"{area}{separator}{local}{closing}{line}")
    assert "電話番号" in {f.kind for f in flags(f"連絡先は{number}です。")}


@given(
    year=st.integers(1990, 2020),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    separator=st.sampled_from(["/", ".", "-", "／", "．"]),
    width=st.sampled_from(sorted(_WIDTHS)),
)
def test_a_full_date_is_caught_however_it_is_written(
    year: int, month: int, day: int, separator: str, width: str
) -> None:
    written = _WIDTHS[width](f"{year}{separator}{month}{separator}{day}")
    assert "生年月日" in {f.kind for f in flags(f"{written}生まれ。")}
    assert "生年月日" in {f.kind for f in flags(f"{_WIDTHS[width](str(year))}年{month}月{day}日生まれ。")}


@given(st.text(max_size=200))
def test_folding_widths_does_not_change_what_is_found(text: str) -> None:
    """A text and its NFKC form are flagged for the same kinds (full-width forms are no way around)."""
    folded = unicodedata.normalize("NFKC", text)
    assert {f.kind for f in flags(text)} == {f.kind for f in flags(folded)}


@pytest.mark.parametrize(
    ("planted", "kind"),
    [
        ("常盤6-4-4に住む", "住所"),
        ("常盤六－四－四に住む", "住所"),
        ("電話は四八二九一一一一です", "電話番号"),
    ],
)
def test_attack_a_town_address_and_a_local_number_in_kanji_are_caught(planted: str, kind: str) -> None:
    """Found by an insider attack: these reached the published council report."""
    assert kind in [flag.kind for flag in flags(planted)]
