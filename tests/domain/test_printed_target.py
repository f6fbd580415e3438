"""The 目標 a table prints: the text as written, plus the targets without a number it does not state."""

from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.indicator_text import printed_target
from shinchoku.domain.numbers import Trend

SEED_TARGET = "〇（総合振興計画実施計画事業11-1-4-02）\nワークステーションさいたまにおける就職者数　120人"


def test_an_arrow_typed_only_in_the_indicators_target_cell_is_printed() -> None:
    assert printed_target("", [("相談件数", Trend.UP)]) == "〇相談件数　↑"
    assert printed_target(SEED_TARGET, [("相談件数", Trend.DOWN)]) == SEED_TARGET + "\n〇相談件数　↓"


def test_a_target_the_text_already_states_is_not_printed_twice() -> None:
    assert printed_target("〇就職者数　↑", [("就職者数", Trend.UP)]) == "〇就職者数　↑"
    assert printed_target("継続実施", [("相談会の開催", Trend.CONTINUE)]) == "継続実施"


def test_a_text_stating_another_trend_gets_the_indicators_own() -> None:
    assert printed_target("〇就職者数　↑", [("就職者数", Trend.LEVEL)]) == "〇就職者数　↑\n〇就職者数　→"


def test_without_such_targets_the_text_is_as_written() -> None:
    assert printed_target(SEED_TARGET, []) == SEED_TARGET
    assert printed_target("―", []) == "―"


NAMES = st.text(alphabet=st.characters(blacklist_categories=("Z", "C")), min_size=1, max_size=20)


@given(st.text(max_size=80), st.lists(st.tuples(NAMES, st.sampled_from(list(Trend))), max_size=4))
def test_the_text_is_kept_and_only_trend_lines_are_added(text: str, trends: list[tuple[str, Trend]]) -> None:
    printed = printed_target(text, trends)
    assert printed.startswith(text)
    added = printed[len(text) :].removeprefix("\n").splitlines() if printed != text else []
    assert len(added) <= len(trends)
    assert all(line.startswith("〇") and line.endswith(tuple(f"　{t.mark}" for t in Trend)) for line in added)


@given(
    st.text(alphabet="就職者数相談件数 \n", max_size=40),
    st.lists(st.tuples(NAMES, st.sampled_from(list(Trend))), max_size=4),
)
def test_a_text_without_trends_shows_every_trend_mark(text: str, trends: list[tuple[str, Trend]]) -> None:
    printed = printed_target(text, trends)
    assert all(trend.mark in printed for _, trend in trends)
