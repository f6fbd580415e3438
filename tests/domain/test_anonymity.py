"""The anonymiser's check: identifiers planted in a case are caught; the seed's ⑦ passes as published."""

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
