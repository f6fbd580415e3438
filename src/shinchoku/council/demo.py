"""The seed's PR activities (⑥) and one meeting with its agenda; opinions and responses marked as demo."""

import datetime

from shinchoku.council.models import Meeting, Opinion, PrActivity, Response
from shinchoku.plans.models import Plan, Program

ACTIVITIES = [
    (
        datetime.date(2022, 3, 1),
        "再犯防止推進計画リーフレットの作成",
        "leaflet",
        "",
        "再犯防止の現状等と、犯罪や非行をした人やその支援者が必要な支援につながるよう、地域の相談先・連絡先をまとめたリーフレットを作成した。",
    ),
    (
        datetime.date(2022, 4, 1),
        "福祉事務所職員等研修での講義",
        "training",
        "",
        "「再犯防止とは」「再犯防止の重要性」「再犯防止に資する相談窓口」等を内容とした講義を行った。",
    ),
    (
        datetime.date(2022, 7, 1),
        "社会を明るくする運動・再犯防止啓発月間のポスター掲示",
        "poster",
        "",
        "第72回社会を明るくする運動及び再犯防止啓発月間のポスターを庁舎に掲示した。",
    ),
    (
        datetime.date(2022, 7, 1),
        "区役所の電子掲示板での再犯防止啓発動画の放映",
        "video",
        "東京矯正管区",
        "東京矯正管区と連携し、各区役所区民課の電子掲示板にて、再犯防止啓発動画を放映した。",
    ),
    (
        datetime.date(2022, 10, 1),
        "第72回社会を明るくする運動（浦和区岸町公民館）",
        "event",
        "さいたま浦和地区保護司会浦和支部",
        "さいたま浦和地区保護司会浦和支部が主催し、社会復帰、立ち直りを支えることの大切さを呼びかけた（参考）。",
    ),
]
AGENDA = ["さいたま市の再犯防止の進捗状況について", "国・民間団体等の動向について"]
OPINIONS = [
    (
        12,
        "デモデータ：居住支援協議会と連携した入居支援の実績を、次年度は件数でも示してほしい。",
        ("considering", "デモデータ：居住支援団体と件数の把握方法を検討しています。"),
    ),
    (
        None,
        "デモデータ：リーフレットを保護司会の研修でも配布してはどうか。",
        ("done", "デモデータ：保護司会の研修で配布しました。"),
    ),
]


def load_council_demo(plan: Plan) -> None:
    """Create the activities, the meeting and the demo opinions once (found by title and text)."""
    for day, title, kind, partner, description in ACTIVITIES:
        PrActivity.objects.get_or_create(
            organization=plan.organization,
            title=title,
            defaults={
                "held_on": day,
                "month_only": True,
                "kind": kind,
                "partner": partner,
                "description": description,
            },
        )
    meeting, _ = Meeting.objects.get_or_create(
        plan=plan, fiscal_year=2022, number=1, defaults={"agenda": AGENDA, "is_demo": True}
    )
    for number, text, (status, answer) in OPINIONS:
        if Opinion.objects.filter(plan=plan, text=text).exists():
            continue
        program = Program.objects.filter(plan=plan, number=number).first() if number else None
        opinion = Opinion.objects.create(
            plan=plan, fiscal_year=2022, meeting=meeting, program=program, text=text, is_demo=True
        )
        Response.objects.create(
            opinion=opinion,
            status=status,
            text=answer,
            is_demo=True,
            department=program.departments.first() if program else None,
        )
