"""Hostile and broken files: each refused with a clear Japanese message, the database unchanged."""

import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from openpyxl import Workbook

from shinchoku.accounts.models import Organization
from shinchoku.imports.services import import_plan
from shinchoku.lib.problems import ImportRefused
from shinchoku.lib.reading import MAX_FILE_BYTES, read_file
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


# --- finding 6 of issue 17: whatever its XML says, a file is read or refused within 5 s and 300 MB ---

CONTENT_TYPES_SHARED_STRINGS = (
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def read_in_a_fresh_process(content: bytes) -> dict[str, object]:
    """Read the file in a child process; return its outcome, the seconds taken and the memory grown (MB).

    A child process, so the peak memory (ru_maxrss) is this file's alone.
    """
    script = """
import json, resource, sys
from shinchoku.lib.problems import ImportRefused
from shinchoku.lib.reading import read_file
content = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
usage = resource.getrusage(resource.RUSAGE_SELF)
start = usage.ru_utime + usage.ru_stime
try:
    outcome = {"rows": [len(sheet.rows) for sheet in read_file("upload.xlsx", content)]}
except ImportRefused as refused:
    outcome = {"refused": str(refused)}
usage = resource.getrusage(resource.RUSAGE_SELF)
outcome["seconds"] = usage.ru_utime + usage.ru_stime - start
outcome["grown_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps(outcome, ensure_ascii=False))
"""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "upload.xlsx"
        path.write_bytes(content)
        child = subprocess.run(
            [sys.executable, "-c", script, str(path)],
            capture_output=True,
            text=True,
            timeout=120,
            env=os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)},
            check=True,
        )
    outcome: dict[str, object] = json.loads(child.stdout)
    return outcome


def within_limits(outcome: dict[str, object]) -> bool:
    """Return whether the file was read or refused within 5 CPU seconds and 300 MB (a generous bound).

    CPU seconds of the reading process, not the wall clock: other work on the machine does not count.
    The attack took 11.6 s and 589 MB; a refusal takes well under one CPU second.
    """
    return float(outcome["seconds"]) < 5 and float(outcome["grown_mb"]) < 300  # type: ignore[arg-type]


def sheet_with(
    members: dict[str, bytes], *, before_data: bytes = b"", rows: bytes = b"", after_data: bytes = b""
) -> bytes:
    """Return the first sheet's XML with parts added before, inside and after its rows."""
    sheet = members["xl/worksheets/sheet1.xml"]
    sheet = sheet.replace(b"<sheetData>", before_data + b"<sheetData>", 1)
    return sheet.replace(b"</sheetData>", rows + b"</sheetData>" + after_data, 1)


def under_the_ratio_check(members: dict[str, bytes]) -> bytes:
    """Return the zip with incompressible padding, as an attacker adds to pass the compression-ratio check."""
    size = sum(len(data) for data in members.values())
    return zip_bytes(members | {"xl/media/noise.bin": random.Random(6).randbytes(size // 50)})


def with_shared_strings(members: dict[str, bytes], strings: bytes) -> dict[str, bytes]:
    """Return the members with a shared-string table holding the given <si> elements."""
    return members | {
        "xl/sharedStrings.xml": b'<sst xmlns="' + MAIN_NS + b'">' + strings + b"</sst>",
        "[Content_Types].xml": members["[Content_Types].xml"].replace(
            b"</Types>", CONTENT_TYPES_SHARED_STRINGS
        ),
    }


def test_finding_6_one_merged_range_over_a_million_cells_is_refused_at_once() -> None:
    members = good_workbook_members()
    members["xl/worksheets/sheet1.xml"] = sheet_with(
        members, after_data=b'<mergeCells count="1"><mergeCell ref="A1:BH20000"/></mergeCells>'
    )
    content = zip_bytes(members)
    assert len(content) < 10_000  # 4.8 KB in the attack
    outcome = read_in_a_fresh_process(content)
    assert "結合されたセルが多すぎます（A1:BH20000 など" in str(outcome.get("refused")), outcome
    assert within_limits(outcome), outcome


def test_finding_6_many_overlapping_merged_ranges_are_refused() -> None:
    members = good_workbook_members()
    merges = b'<mergeCell ref="A1:H17"/>' * 10_000  # 1,360,000 cells, each range small
    members["xl/worksheets/sheet1.xml"] = sheet_with(
        members, after_data=b"<mergeCells>" + merges + b"</mergeCells>"
    )
    outcome = read_in_a_fresh_process(zip_bytes(members))
    assert "結合されたセルが多すぎます" in str(outcome.get("refused")), outcome
    assert within_limits(outcome), outcome


def test_finding_6_a_value_in_the_last_row_of_excel_is_refused_as_too_many_rows() -> None:
    members = good_workbook_members()
    members["xl/worksheets/sheet1.xml"] = sheet_with(
        members,
        rows=b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
    ).replace(b'<dimension ref="A1:H17"/>', b'<dimension ref="A1:XFD1048576"/>')
    outcome = read_in_a_fresh_process(zip_bytes(members))
    assert "行が多すぎます（1048576行）" in str(outcome.get("refused")), outcome
    assert within_limits(outcome), outcome


def test_finding_6_formatted_empty_cells_down_to_the_last_row_are_not_read() -> None:
    members = good_workbook_members()
    empty_rows = b"".join(b'<row r="%d"><c r="A%d" s="0"/></row>' % (r, r) for r in range(18, 60_000, 997))
    members["xl/worksheets/sheet1.xml"] = sheet_with(
        members, rows=empty_rows + b'<row r="1048576"><c r="XFD1048576" s="0"/></row>'
    ).replace(b'<dimension ref="A1:H17"/>', b'<dimension ref="A1:XFD1048576"/>')
    outcome = read_in_a_fresh_process(zip_bytes(members))
    assert outcome.get("rows") == [17], outcome
    assert within_limits(outcome), outcome


def test_finding_6_a_million_shared_strings_are_refused() -> None:
    strings = b"".join(b"<si><t>%d</t></si>" % i for i in range(1_000_000))
    content = zip_bytes(with_shared_strings(good_workbook_members(), strings))
    assert len(content) < MAX_FILE_BYTES
    outcome = read_in_a_fresh_process(content)
    assert "ブックの中身（セル・文字列・書式などの数）が大きすぎて読めません" in str(
        outcome.get("refused")
    ), outcome
    assert within_limits(outcome), outcome


def test_finding_6_one_long_shared_string_in_every_cell_is_read_within_limits() -> None:
    # 30,000 characters (under Excel's 32,767) in 10,000 rows × 5 columns: held once, not 50,000 times.
    members = with_shared_strings(
        good_workbook_members(), b"<si><t> " + "長".encode() * 30_000 + b" </t></si>"
    )
    cells = b"".join(
        b'<row r="%d">' % r
        + b"".join(b'<c r="%s%d" t="s"><v>0</v></c>' % (col, r) for col in (b"A", b"B", b"C", b"D", b"E"))
        + b"</row>"
        for r in range(18, 10_001)
    )
    members["xl/worksheets/sheet1.xml"] = sheet_with(members, rows=cells)
    outcome = read_in_a_fresh_process(under_the_ratio_check(members))
    assert outcome.get("rows") == [10_000], outcome
    assert within_limits(outcome), outcome


def test_finding_6_a_text_longer_than_excel_allows_is_refused() -> None:
    members = with_shared_strings(good_workbook_members(), b"<si><t>" + b"x" * 5_000_000 + b"</t></si>")
    outcome = read_in_a_fresh_process(under_the_ratio_check(members))
    assert "大きすぎて読めません" in str(outcome.get("refused")), outcome
    assert within_limits(outcome), outcome


def test_finding_6_a_style_sheet_of_a_million_formats_is_refused() -> None:
    members = good_workbook_members()
    members["xl/styles.xml"] = members["xl/styles.xml"].replace(
        b"</cellXfs>", b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' * 1_000_000 + b"</cellXfs>"
    )
    outcome = read_in_a_fresh_process(under_the_ratio_check(members))
    assert "大きすぎて読めません" in str(outcome.get("refused")), outcome
    assert within_limits(outcome), outcome


def test_finding_6_thousands_of_parts_are_refused() -> None:
    members = good_workbook_members() | {f"xl/media/p{i}.bin": b"" for i in range(5_000)}
    outcome = read_in_a_fresh_process(zip_bytes(members))
    assert "ファイル内の部品が多すぎます（5009個）" in str(outcome.get("refused")), outcome


def test_finding_6_a_doctype_without_entities_is_refused_before_openpyxl() -> None:
    members = good_workbook_members()
    members["xl/workbook.xml"] = (
        b'<!DOCTYPE workbook SYSTEM "http://example.invalid/x.dtd">' + members["xl/workbook.xml"]
    )
    refused_with("doctype.xlsx", zip_bytes(members), "危険な XML")


def test_merged_areas_carry_the_top_left_value() -> None:
    content = xlsx(
        [["見出し", None, None], ["1", "就労", None], [None, None, "労働課"]], merges=["A1:C1", "A2:A3"]
    )
    sheet = read_file("merged.xlsx", content)[0]
    assert sheet.rows == [["見出し", "見出し", "見出し"], ["1", "就労", ""], ["1", "", "労働課"]]


def openpyxl_texts(content: bytes) -> list[list[str]]:
    """Return the first sheet's cells as openpyxl reads them, through the reader's own _text()."""
    from openpyxl import load_workbook

    from shinchoku.lib.reading import _text

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [[_text(cell.value) for cell in row] for row in sheet.iter_rows()]


def test_the_streaming_reader_reads_values_as_openpyxl_does() -> None:
    import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["事業番号", "標題", "件数", "率", "日付", "時刻", "真偽", "長い数"])
    sheet.append(
        [1, "  就労支援  ", 1480, 0.965, datetime.date(2021, 4, 1), datetime.time(9, 30), True, 12345678901]
    )
    sheet.append([2.0, "住まい", -5, 1e-7, datetime.datetime(2022, 3, 31, 17, 0), None, False, "＝全角"])
    sheet["D2"].number_format = "0.0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()
    assert read_file("values.xlsx", content)[0].rows == openpyxl_texts(content)


def test_shared_strings_are_read_without_their_phonetic_guide() -> None:
    members = with_shared_strings(
        good_workbook_members(),
        b'<si><r><t>\xe5\xb0\xb1\xe5\x8a\xb4</t></r><r><rPr><b/></rPr><t xml:space="preserve">\xe6\x94\xaf\xe6\x8f\xb4 </t></r>'
        b'<rPh sb="0" eb="2"><t>\xe3\x82\xb7\xe3\x83\xa5\xe3\x82\xa6\xe3\x83\xad\xe3\x82\xa6</t></rPh></si>',
    )
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    start = sheet.index('<c r="B8"')
    end = sheet.index("</c>", start) + len("</c>")
    members["xl/worksheets/sheet1.xml"] = (
        sheet[:start] + '<c r="B8" t="s"><v>0</v></c>' + sheet[end:]
    ).encode()
    content = zip_bytes(members)
    assert read_file("shared.xlsx", content)[0].cell(8, 2) == "就労支援"
    assert read_file("shared.xlsx", content)[0].rows == openpyxl_texts(content)
