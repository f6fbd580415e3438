"""Messy workbooks built in code, shaped like the sheets cities keep."""

import io
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook

Row = Sequence[object]

HEADER = [
    "事業番号",
    "計画に掲載している標題",
    "計画に掲載している事業内容",
    "令和３年度の取組内容",
    "令和３年度目標",
    "令和３年度実績・取組の成果",
    "達成度",
    "所管課",
]


def xlsx(rows: Sequence[Row], *, merges: Sequence[str] = (), title: str = "進捗管理表") -> bytes:
    """Return a workbook with the rows (None for an empty cell) and the merged ranges."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for cells in merges:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def small_plan_rows(header: Sequence[str] = HEADER) -> list[Row]:
    """A two-area plan with a re-listing, a two-department program and a 「－」."""
    return [
        ["令和３年度　デモ市再犯防止推進計画　進捗管理表"],  # a title row
        [],
        ["※デモデータ（架空の市）"],  # a notes row above the header
        list(header),
        ["１　就労・住居の確保等のための取組"],
        ["（１）就労の確保等"],
        ["①就職に向けた相談・支援等の充実"],
        [
            "１",
            "就労支援の取組",
            "就労を支援します。",
            "相談を実施しました。\n講座も実施しました。",
            "〇就職者数　120人",
            "・就職者数　130人",
            "Ａ",
            "労働課",
        ],
        [
            "2",
            "協力雇用主の開拓",
            "開拓します。",
            "訪問しました。",
            "―",
            "10社を訪問しました。",
            "B",
            "労働課",
        ],
        ["（２）住居の確保等"],
        ["3", "住まいの相談", "相談を受けます。", "相談を受けました。", "―", "延べ40件", "ｂ", "住宅課"],
        [
            "3",
            "住まいの相談",
            "相談を受けます。",
            "講演会は中止しました。",
            "―",
            "新型コロナウイルス感染症の影響により中止",
            "―",
            "福祉課",
        ],
        ["２　保健医療・福祉サービスの利用の促進等のための取組"],
        ["①保健医療・福祉サービスの提供"],
        [
            "4",
            "包括的な支援",
            "支援します。",
            "相談窓口を開設しました。",
            "満足度　60%",
            "満足度　96%",
            "A",
            "福祉課",
        ],
        ["1", "就労支援の取組（再掲）", "", "", "", "", "", ""],
        ["※1事業に２つの所管課が関わり、達成度が「Ｂ」と「―」の場合、達成度は「Ｂ」としています。"],
    ]


def zip_bytes(members: dict[str, bytes], *, declared: dict[str, int] | None = None) -> bytes:
    """Return a zip with the members; declared overrides a member's recorded uncompressed size."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    data = buffer.getvalue()
    for name, size in (declared or {}).items():
        data = _forge_size(data, name, size)
    return data


def _forge_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size recorded in the central directory for one member."""
    encoded = name.encode()
    position = 0
    result = bytearray(data)
    while True:
        position = data.find(b"PK\x01\x02", position)
        if position < 0:
            break
        name_length = int.from_bytes(data[position + 28 : position + 30], "little")
        if data[position + 46 : position + 46 + name_length] == encoded:
            result[position + 24 : position + 28] = size.to_bytes(4, "little")
        position += 4
    return bytes(result)
