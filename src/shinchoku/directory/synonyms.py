"""Words citizens type for what a window's text calls otherwise: くすり for 薬物, しごと for 就労.

Readings already join 依存症 and いぞんしょう, 子ども and こども; synonyms join different words.
The defaults below hold for an organization that has not written its own list; once the
secretariat saves the list, its rows are the list (the defaults included as it left them).
"""

from shinchoku.accounts.models import Organization
from shinchoku.directory.models import SearchSynonym
from shinchoku.domain.text import is_romaji, romaji_key, search_key
from shinchoku.lib.errors import ServiceError
from shinchoku.lib.readings import romaji

DEFAULT_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("くすり", "薬物 依存症"),
    ("こども", "子ども 児童 少年"),
    ("しごと", "就労 仕事 職業"),
    ("すまい", "住まい 住居 住宅"),
    ("住まい", "住まい 住居 住宅"),  # the search box's own example (「例: 就職、住まい、依存症」)
    ("いえ", "住まい 住居 住宅"),
    # 表記ゆれ: the same word written otherwise than the window writes it.
    ("子供", "子ども 児童 少年"),
    ("障がい", "障害 障がい"),
    ("覚醒剤", "覚醒剤 覚せい剤 薬物 依存症"),
    ("アルコール", "アルコール 依存症"),
    ("出所者", "出所 刑務所 更生保護"),
    ("刑務所", "刑務所 出所 更生保護"),
    ("保護観察", "保護観察 更生保護 保護司"),
    ("おさけ", "アルコール 依存症"),
    ("ギャンブル", "ギャンブル 依存症"),
    ("おかね", "生活困窮 生活保護 家計"),
    ("DV", "配偶者 暴力"),
    # 保護司 volunteer alongside the 支援者 that windows name as who may come.
    ("保護司", "保護司 更生保護 支援者"),
    ("ほごし", "保護司 更生保護 支援者"),
    ("ひきこもり", "ひきこもり 引きこもり"),
    ("こころ", "心 精神 こころ"),
)


def synonym_rows(organization: Organization) -> list[tuple[str, str]]:
    """Return the organization's list as (word, also finds), the defaults if it has none."""
    rows = list(SearchSynonym.objects.filter(organization=organization).values_list("word", "means"))
    return rows or list(DEFAULT_SYNONYMS)


def expansions(organization: Organization) -> dict[str, list[str]]:
    """Return each typed word's search key and the keys of the words it also finds.

    A word written in kana is also found typed in romaji (くすり and kusuri find the same).
    """
    found: dict[str, list[str]] = {}
    for word, means in synonym_rows(organization):
        keys = [search_key(m) for m in means.split()]
        found[search_key(word)] = keys
        spelled = romaji(search_key(word))
        if is_romaji(spelled):
            found.setdefault(romaji_key(spelled), keys)
    return found


class SynonymError(ServiceError, ValueError):
    """A line of the list that cannot be read; the message says which, in Japanese."""


def parse_lines(text: str) -> list[tuple[str, str]]:
    """Read 「くすり = 薬物 依存症」 lines (also ＝ or →); empty lines are skipped."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        for sign in ("＝", "→"):
            line = line.replace(sign, "=")
        word, sign, means = line.partition("=")
        word, means = word.strip(), " ".join(means.split())
        if not sign or not word or not means:
            raise SynonymError(
                f"{number}行目「{line}」: 「くすり = 薬物 依存症」のように、= の左右に言葉を書いてください。"
            )
        if len(word) > 50 or len(means) > 200:
            raise SynonymError(f"{number}行目: 言葉は50文字、見つける言葉は200文字までです。")
        if search_key(word) in seen:
            raise SynonymError(f"{number}行目: 「{word}」は2回書かれています。")
        seen.add(search_key(word))
        rows.append((word, means))
    return rows
