"""The fields a 進捗管理表 column can hold (its headings as cities write them: imports/synonyms.py)."""

from enum import StrEnum


class Column(StrEnum):
    NUMBER = "事業番号"
    TITLE = "計画に掲載している標題"
    CONTENT = "計画に掲載している事業内容"
    ACTIVITIES = "取組内容"
    TARGET = "目標"
    RESULT = "実績・取組の成果"
    GRADE = "達成度"
    DEPARTMENT = "所管課"
    REASON = "理由"
    RELISTING = "再掲"
    REMARKS = "備考"
    PRIORITY = "重点"  # 川崎市: a mark for the priority programs (○, ◎, ●, 重点, 〇)
    AREA = "重点項目"
    MEASURE = "施策"
    SUBMEASURE = "細目"
    BASELINE = "基準値"
