"""Hostile and broken files: each refused with a clear Japanese message, the database unchanged."""

import io
import resource
import zipfile

import pytest
from django.apps import apps
from openpyxl import Workbook

from shinchoku.accounts.models import Organization
from shinchoku.imports.problems import ImportRefused
from shinchoku.imports.reading import MAX_FILE_BYTES, read_file
from shinchoku.imports.services import import_plan
from workbooks import small_plan_rows, xlsx, zip_bytes

pytestmark = pytest.mark.django_db


def db_state() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def refused_with(name: str, content: bytes, message: str) -> None:
    city = Organization.objects.get(jis_code="111007")
    before = db_state()
    with pytest.raises(ImportRefused) as refused:
        import_plan(
            name=name,
            content=content,
            organization=city,
            slug="hostile",
            plan_name="x",
            first_year=2021,
            last_year=2025,
            actor=None,
        )
    assert message in str(refused.value), str(refused.value)
    assert db_state() == before


def good_workbook_members() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(xlsx(small_plan_rows()))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_renamed_text_file_is_not_an_excel_file() -> None:
    refused_with("plan.xlsx", "事業番号,標題\n".encode("utf-16"), "中身が Excel ファイルではありません")


def test_an_old_xls_file_is_named_as_such() -> None:
    refused_with(
        "plan.xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        "Excel 97-2003形式（.xls）は読み込めません",
    )


def test_a_broken_zip_is_refused() -> None:
    refused_with("plan.xlsx", b"PK\x03\x04" + b"garbage" * 100, "壊れています")


def test_a_zip_bomb_is_refused_before_it_is_opened() -> None:
    members = good_workbook_members()
    bomb = zip_bytes(members, declared={"xl/worksheets/sheet1.xml": 4_000_000_000})
    refused_with("bomb.xlsx", bomb, "圧縮爆弾の疑い")


def test_a_highly_compressed_member_is_refused() -> None:
    members = good_workbook_members() | {"xl/media/padding.bin": b"\0" * 50_000_000}
    refused_with("ratio.xlsx", zip_bytes(members), "圧縮爆弾の疑い")


def test_a_macro_workbook_is_refused() -> None:
    members = good_workbook_members() | {"xl/vbaProject.bin": b"macro"}
    refused_with("macro.xlsx", zip_bytes(members), "マクロを含むブックは取り込めません")
    refused_with("macro.xlsm", xlsx(small_plan_rows()), "マクロを含むブックは取り込めません")


def test_a_path_outside_the_archive_is_refused() -> None:
    members = good_workbook_members() | {"../../etc/evil.txt": b"x"}
    refused_with("traversal.xlsx", zip_bytes(members), "不正なパス")


def test_entity_expansion_is_refused() -> None:
    members = good_workbook_members()
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    doctype = (
        '<!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    )
    first_text = sheet.index("<t>") + 3
    sheet = sheet[:first_text] + "&lol3;" + sheet[first_text:]
    members["xl/worksheets/sheet1.xml"] = (doctype + sheet).encode()
    refused_with("laughs.xlsx", zip_bytes(members), "危険な XML（実体の定義・展開）を含むため読めません")


def test_a_forged_dimension_does_not_make_the_reader_loop() -> None:
    members = good_workbook_members()
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    members["xl/worksheets/sheet1.xml"] = sheet.replace(
        '<dimension ref="A1:H17"/>', '<dimension ref="A1:XFD1048576"/>'
    ).encode()
    assert b"XFD1048576" in members["xl/worksheets/sheet1.xml"]
    sheets = read_file("forged.xlsx", zip_bytes(members))
    assert len(sheets[0].rows) == 17


def test_formula_cells_are_refused_where_values_belong() -> None:
    rows = small_plan_rows()
    rows[7] = list(rows[7])
    rows[7][0] = "=1+0"
    refused_with("formula.xlsx", xlsx(rows), "数式が入っています")


def test_a_csv_in_another_encoding_is_refused() -> None:
    refused_with("plan.csv", "事業番号,標題\n1,就労\n".encode("utf-16"), "文字コードが判別できません")


def test_an_empty_file_and_a_huge_one_are_refused() -> None:
    refused_with("empty.xlsx", b"", "ファイルが空です")
    refused_with("huge.csv", b"a" * (MAX_FILE_BYTES + 1), "ファイルが大きすぎます")


def test_memory_stays_bounded_for_a_large_sheet() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["事業番号", "計画に掲載している標題", "所管課"])
    for i in range(1, 5001):
        sheet.append([i, f"事業{i}", "課"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sheets = read_file("large.xlsx", buffer.getvalue())
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert len(sheets[0].rows) == 5001
    assert grown_mb < 300


# --- fuzzing: whatever the bytes, the answer is a refusal in Japanese or a clean import -----------

FUZZ_EXAMPLES = 200


def _import_outcome(name: str, content: bytes) -> None:
    """Import, expecting success or ImportRefused; anything else (a crash) fails the test."""
    from django.db import transaction

    city = Organization.objects.get(jis_code="111007")
    with transaction.atomic():
        before = db_state()
        try:
            import_plan(
                name=name,
                content=content,
                organization=city,
                slug="fuzzed",
                plan_name="x",
                first_year=2021,
                last_year=2025,
                actor=None,
            )
        except ImportRefused as refused:
            assert str(refused).strip()
            assert any("\u3040" <= ch <= "\u30ff" for ch in str(refused)), str(refused)  # Japanese
            assert db_state() == before
        transaction.set_rollback(True)


def test_random_bytes_under_any_name_are_refused_cleanly() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(
        max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    @given(
        name=st.sampled_from(["p.xlsx", "p.csv", "p.xls", "p", "p.xlsm"]),
        content=st.one_of(st.binary(max_size=4096), st.text(max_size=2000).map(lambda t: t.encode("utf-8"))),
    )
    def run(name: str, content: bytes) -> None:
        _import_outcome(name, content)

    run()


def test_a_real_workbook_with_bytes_flipped_is_refused_or_read_never_crashes() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    original = xlsx(small_plan_rows())

    @settings(
        max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    @given(
        flips=st.lists(
            st.tuples(st.integers(0, len(original) - 1), st.integers(0, 255)), min_size=1, max_size=20
        ),
        cut=st.one_of(st.none(), st.integers(0, len(original))),
    )
    def run(flips: list[tuple[int, int]], cut: int | None) -> None:
        damaged = bytearray(original)
        for at, value in flips:
            damaged[at] = value
        _import_outcome("p.xlsx", bytes(damaged[:cut] if cut is not None else damaged))

    run()
