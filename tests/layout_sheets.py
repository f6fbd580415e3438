"""Sheets laid out as cities keep them (docs/import.md's layouts), shared by the layout tests and
the layout pictures."""

from workbooks import Row

TWO_ROW_HEADER: list[Row] = [
    ["令和３年度　デモ市再犯防止推進計画　進捗管理表"],
    ["※各所管課は５月３１日までに返信してください"],
    ["事業", "計画に掲載している標題", "所管課", "令和３年度", None, None, None],
    ["番号", None, None, "取組内容", "目標", "実績・取組の成果", "達成度"],
    ["１　就労・住居の確保等のための取組"],
    [
        "1",
        "就労支援の取組",
        "労働政策課",
        "相談を実施しました。",
        "〇就職者数　120人",
        "・就職者数　306人",
        "Ａ",
    ],
    ["2", "協力雇用主の開拓", "労働政策課", "訪問しました。", "―", "10社を訪問しました。", "Ｂ"],
]
# 「事業」 over 「番号」 in two cells; 標題 and 所管課 merged down; 「令和３年度」 merged across its four columns
TWO_ROW_MERGES = ["B3:B4", "C3:C4", "D3:G3"]

THREE_ROW_HEADER: list[Row] = [
    ["事業番号", "計画に掲載している", None, "所管", "令和３年度", None, None, None],
    [None, "標題", "事業内容", None, "取組・成果", None, "評価", None],
    [None, None, None, None, "取組内容", "実績", "自己評価", "理由"],
    ["第1章 環境・アメニティ"],
    ["1", "就労支援の取組", "就労を支援します。", "労働政策課", "相談を実施しました。", "延べ40件", "Ｂ", ""],
    [
        "2",
        "住まいの相談",
        "相談を受けます。",
        "住宅政策課",
        "中止しました。",
        "新型コロナウイルス感染症の影響により中止",
        "－",
        "",
    ],
]
THREE_ROW_MERGES = ["A1:A3", "B1:C1", "B2:B3", "C2:C3", "D1:D3", "E1:H1", "E2:F2", "G2:H2"]
