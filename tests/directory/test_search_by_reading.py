"""A citizen finds a window by how its words sound, by the word they know, and best match first."""

import pytest

from shinchoku.accounts.models import Organization
from shinchoku.directory.models import Audience, SearchSynonym, Window
from shinchoku.directory.search import Filters, search
from shinchoku.directory.synonyms import DEFAULT_SYNONYMS, SynonymError, parse_lines
from shinchoku.domain.text import romaji_key
from shinchoku.lib.readings import reading, romaji
from tests_helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def saitama() -> Organization:
    return Organization.objects.get(jis_code="111007")


def names(organization: Organization, text: str) -> list[str]:
    return [w.name for w in search(organization, Filters(text=text))]


# The words the choice of SudachiPy was measured on (docs/directory.md): pykakasi read the last four wrong.
@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("依存症", "いぞんしょう"),
        ("子ども家庭総合センター", "こどもかていそうごうせんたー"),
        ("障害者総合支援センター", "しょうがいしゃそうごうしえんせんたー"),
        ("保護司", "ほごし"),
        ("出所者", "しゅっしょしゃ"),
        ("保護観察所", "ほごかんさつしょ"),
        ("家族等", "かぞくとう"),
    ],
)
def test_readings_of_the_directorys_words(written: str, read: str) -> None:
    assert reading(written) == read


def test_romaji_of_a_reading_and_long_vowels_as_people_type_them() -> None:
    assert romaji("いぞんしょう") == "izonshou"
    assert romaji_key("izonshou") == romaji_key("izonsho") == "izonsho"
    assert romaji_key("soudan") == romaji_key("sodan")


@pytest.mark.parametrize(
    "query", ["依存症", "いぞんしょう", "イゾンショウ", "ｲｿﾞﾝｼｮｳ", "izonshou", "izonsho", "IZONSHOU"]
)
def test_a_window_about_addiction_is_found_by_its_sound_in_any_script(
    saitama: Organization, query: str
) -> None:
    assert "こころの健康センター" in names(saitama, query)


@pytest.mark.parametrize("query", ["こども", "コドモ", "kodomo"])
def test_children_are_found_written_in_kana_or_romaji(saitama: Organization, query: str) -> None:
    assert "なんでも子ども相談窓口" in names(saitama, query)


def test_a_word_found_in_a_name_comes_before_one_found_in_a_description(saitama: Organization) -> None:
    found = names(saitama, "こども")
    in_name = [n for n in found if "子ども" in n]
    assert in_name and found[: len(in_name)] == in_name


def test_hogoshi_finds_the_windows_for_volunteers_and_supporters(saitama: Organization) -> None:
    window = Window.objects.get(organization=saitama, name="こころの健康センター")
    window.audiences = [*window.audiences, Audience.VOLUNTEER.value]
    window.save()

    for query in ("保護司", "ほごし", "hogoshi"):
        found = names(saitama, query)
        assert found and found[0] == "こころの健康センター", query  # the label itself ranks first


@pytest.mark.parametrize("example", ["就職", "住まい", "依存症"])
def test_every_example_the_search_box_shows_finds_a_window(saitama: Organization, example: str) -> None:
    # The placeholder reads 「例: 就職、住まい、依存症」: an example that finds nothing misleads.
    assert names(saitama, example)


@pytest.mark.parametrize(("variant", "window"), [("子供", "なんでも子ども相談窓口")])
def test_a_word_written_another_way_finds_the_window(
    saitama: Organization, variant: str, window: str
) -> None:
    assert window in names(saitama, variant)


@pytest.mark.parametrize("query", ["kusuri", "KUSURI"])
def test_a_synonym_is_found_typed_in_romaji_too(saitama: Organization, query: str) -> None:
    assert "こころの健康センター" in names(saitama, query)  # くすり → 薬物, typed in romaji


def test_kusuri_finds_the_drug_addiction_window_through_a_default_synonym(saitama: Organization) -> None:
    assert ("くすり", "薬物 依存症") in DEFAULT_SYNONYMS
    assert "こころの健康センター" in names(saitama, "くすり")


def test_the_secretariats_own_list_replaces_the_defaults(saitama: Organization) -> None:
    client = login("jimukyoku")
    page = client.get("/manage/directory/synonyms/")
    seen = page.context["form"]["seen"].value()

    response = client.post(
        "/manage/directory/synonyms/", {"seen": seen, "lines": "しごと = 就労\nおさけ ＝ アルコール"}
    )

    assert response.status_code == 302
    assert sorted(SearchSynonym.objects.filter(organization=saitama).values_list("word", "means")) == [
        ("おさけ", "アルコール"),
        ("しごと", "就労"),
    ]
    assert "こころの健康センター" not in names(saitama, "くすり")  # no longer in the list
    history = SearchSynonym.history.filter(word="しごと").get()
    assert history.history_user.username == "jimukyoku"


def test_a_line_without_an_equals_sign_is_refused_and_the_list_kept(saitama: Organization) -> None:
    client = login("jimukyoku")
    seen = client.get("/manage/directory/synonyms/").context["form"]["seen"].value()

    response = client.post(
        "/manage/directory/synonyms/", {"seen": seen, "lines": "くすり = 薬物\nしごと 就労"}
    )

    assert response.status_code == 400
    assert "2行目「しごと 就労」" in response.content.decode()
    assert "しごと 就労" in response.content.decode()
    assert not SearchSynonym.objects.exists()


def test_a_list_saved_meanwhile_by_someone_else_is_not_overwritten(saitama: Organization) -> None:
    client = login("jimukyoku")
    seen = client.get("/manage/directory/synonyms/").context["form"]["seen"].value()
    SearchSynonym.objects.create(organization=saitama, word="いえ", means="住居")

    response = client.post("/manage/directory/synonyms/", {"seen": seen, "lines": "しごと = 就労"})

    assert response.status_code == 409
    assert list(SearchSynonym.objects.values_list("word", flat=True)) == ["いえ"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("くすり =", "= の左右に言葉"),
        ("くすり = 薬物\nクスリ = 薬", "2回書かれています"),
        ("あ" * 51 + " = 薬", "50文字"),
    ],
)
def test_parse_lines_says_which_line_is_wrong(text: str, message: str) -> None:
    with pytest.raises(SynonymError, match=message):
        parse_lines(text)
