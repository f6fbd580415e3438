"""How cities head the columns of their 進捗管理表: every spelling the importer accepts, in one place.

Each heading is compared after folding width, removing every space and line break
(「事業\\n番号」 is 事業番号) and dropping a leading year (令和３年度の取組内容 → の取組内容, R3評価 → 評価, 2021年度評価 → 評価);
a two- or three-row header is read as its rows joined, and as each part of that.
A spelling is added here with a test in tests/imports/test_synonyms.py.
"""

from shinchoku.imports.columns import Column

HEADINGS: dict[Column, tuple[str, ...]] = {
    Column.NUMBER: (
        "事業番号",
        "番号",
        "事業no",
        "事業no.",
        "no",
        "no.",
        "整理番号",
        "通し番号",
        "事業番号(再掲)",
    ),
    Column.TITLE: (
        "計画に掲載している標題",
        "計画に記載している標題",
        "標題",
        "事業名",
        "事業名称",
        "取組名",
        "取組事業名",
        "事業・取組名",
        "事業(取組)名",
        "主な取組",
        "施策・事業名",
        "具体的な取組",
        "取組項目",
        "事業の名称",
        # 川崎市 施策進行管理・評価表: 「事務事業名」 (also headed 「事務事業」)
        "事務事業名",
        "事務事業",
    ),
    Column.CONTENT: (
        "計画に掲載している事業内容",
        "計画に記載している事業内容",
        "事業内容",
        "事業概要",
        "事業の概要",
        "取組の概要",
        "計画の内容",
    ),
    Column.ACTIVITIES: (
        "の取組内容",
        "取組内容",
        "取組状況",
        "の取組状況",
        "実施内容",
        "の実施内容",
        "取組の内容",
    ),
    Column.TARGET: ("目標", "の目標", "年度目標", "目標値", "数値目標", "目標(指標)"),
    Column.RESULT: (
        "実績・取組の成果",
        "の実績・取組の成果",
        "実績・成果",
        "実績",
        "の実績",
        "成果",
        "取組の成果",
        "実績値",
        "取組実績",
    ),
    Column.GRADE: (
        "達成度",
        "評価",
        "自己評価",
        "達成状況",
        "進捗評価",
        "進捗状況",
        "評価結果",
        "の達成度",
        "の評価",
        "達成度評価",
        "総合評価",
        "評価区分",
    ),
    Column.DEPARTMENT: (
        "所管課",
        "所管",
        "担当課",
        "担当部署",
        "所管部署",
        "担当部局",
        "所管課名",
        "担当課名",
        "所管局・課",
        "担当局・課",
        "担当",
        "課名",
    ),
    Column.REASON: ("理由", "達成度の理由", "評価の理由", "評価理由", "達成度の理由・説明"),
    Column.RELISTING: ("再掲", "再掲事業", "再掲の別"),
    Column.REMARKS: ("備考", "備考欄", "摘要"),
    Column.PRIORITY: ("重点", "重点事業", "重点取組", "重点の別", "うち重点"),
    Column.AREA: ("重点項目",),
    Column.MEASURE: ("施策",),
    Column.SUBMEASURE: ("細目",),
    # 長与町: 「基準値（令和元年度）」 (the note gives the baseline year); 「現状値」 where the plan started from.
    Column.BASELINE: ("基準値", "現状値", "策定時の値", "基準値(現状値)"),
}

# Marks in a 再掲 column that say the row lists the program again (anything else, such as
# an empty cell or 「－」, says it does not).
# Marks in a 重点 column that make the program a priority program; an empty cell (or anything else) does not.
PRIORITY_MARKS = frozenset({"○", "〇", "◯", "◎", "●", "重点"})
RELISTING_MARKS = frozenset({"○", "〇", "◯", "●", "◎", "再掲", "有", "あり", "✓", "レ", "1"})
