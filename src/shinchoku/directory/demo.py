"""The windows the seed names, as demo data: no phone numbers or addresses, hours marked as not real."""

import datetime

from shinchoku.accounts.models import Organization
from shinchoku.directory.models import LeafletSection, Location, Provider, Schedule, Ward, Window

DEMO_NOTE = "デモデータ: 名称と支援内容は令和3年度進捗状況（協議会資料）の記載によります。電話番号・住所は記載していません。"
HOURS_NOTE = "デモデータ：受付時間は仮のものです。実際の時間は各窓口に確認してください。"
DAY = (datetime.time(8, 30), datetime.time(17, 15))
SPLIT = ((datetime.time(9, 0), datetime.time(12, 0)), (datetime.time(13, 0), datetime.time(17, 0)))

# name, 支援制度概要 (from the seed's texts), 分野, 対象, places, split hours
WINDOWS = [
    (
        "ワークステーションさいたま",
        "働く意欲を持つあらゆる世代を対象に、国が行う職業相談・紹介と連携したキャリアコンサルティングや、子育て世代の再就職を支援するセミナー等、就職に至るまでのワンストップ就労支援を行います。",
        ["work"],
        ["person", "family", "supporter"],
        [("ワークステーションさいたま", "")],
        False,
    ),
    (
        "さいたま若者自立支援ルーム",
        "社会生活を営むうえで困難を有する若者を対象に、その人の状態に合わせた自立支援プログラムを段階的に行い、就労や就学に向けた自立を継続して支援します。",
        ["youth", "work"],
        ["person", "family"],
        [("さいたま若者自立支援ルーム", "")],
        True,
    ),
    (
        "障害者総合支援センター",
        "障害のある方の就労準備性を高めるためのパソコン講座や就活講座、企業での実習、就職後のジョブコーチによる職場定着支援などを行います。",
        ["welfare", "work"],
        ["person", "family", "supporter"],
        [("障害者総合支援センター", "")],
        False,
    ),
    (
        "福祉丸ごと相談センター",
        "福祉の複合的な課題を抱える市民等の相談を受け止め、関係機関と連携して適切な支援をコーディネートします（市内4区に開設）。",
        ["poverty", "welfare"],
        ["person", "family", "supporter"],
        [],
        False,
    ),
    (
        "生活自立・仕事相談センター",
        "生活に困窮している方の相談を受け止め、生活困窮者自立支援法に基づく各事業等により、相談者の状況に応じて自立に向けた支援を行います。",
        ["poverty", "work", "housing"],
        ["person", "family", "supporter"],
        [(f"{label}役所 福祉課", value) for value, label in Ward.choices],
        False,
    ),
    (
        "こころの健康センター",
        "薬物などの依存症の本人・家族等からの電話・面接相談、依存症家族教室、依存症の支援者研修や関連団体への技術支援を行います。",
        ["health"],
        ["person", "family", "supporter"],
        [("こころの健康センター", "")],
        True,
    ),
    (
        "なんでも子ども相談窓口",
        "子ども家庭総合センター内の総合相談員が、子どもや家庭に関する相談に電話・窓口・メール等で対応し、必要な支援につなぎます。",
        ["youth"],
        ["person", "family"],
        [("子ども家庭総合センター", "")],
        False,
    ),
    (
        "発達障害者支援センター",
        "発達障害のある方への継続相談、居場所や日中体験活動の場の提供、支援者向けの講座などを行います。",
        ["development", "welfare"],
        ["person", "family", "supporter"],
        [("発達障害者支援センター", "")],
        False,
    ),
    (
        "児童相談所",
        "18歳未満の子どもに関する相談に応じます。警察からの触法通告を受けた子どもや保護者との面接を通じて、問題行動の原因を把握し、関係機関と連携して支援します。",
        ["youth"],
        ["family", "supporter"],
        [("児童相談所", "")],
        False,
    ),
    (
        "さわやか相談室",
        "市立中学校内にあり、さわやか相談員が中学校区内の児童生徒と保護者の教育相談に応じます。スクールカウンセラーによる相談も受け付けています。",
        ["youth"],
        ["person", "family"],
        [("各市立中学校", "")],
        False,
    ),
]

LEAFLET = {
    "what": (
        "犯罪をした者等が、多様化が進む社会において孤立することなく、再び地域社会の一員として生活を送れるよう"
        "更生支援を推進することで、市民が犯罪による被害を受けることを防止し、安全で安心して暮らせる社会の実現に"
        "寄与することを目指します。（さいたま市再犯防止推進計画の基本目標より）"
    ),
    "why": (
        "日頃から市民に提供している再犯防止に資する各種サービスを着実、適正に実施することで、犯罪をした者等の"
        "更生支援や再犯防止につながり、国や県が掲げる目標に寄与します。「住民に身近な行政」として、再犯防止の観点を"
        "踏まえ、国と連携・協力した事業実施が求められています。（計画策定の考え方より）"
    ),
}


def load_directory_demo(organization: Organization) -> None:
    """Create or refresh the demo windows (found by name) and the leaflet texts; idempotent."""
    provider, _ = Provider.objects.get_or_create(organization=organization, name=organization.name)
    for name, description, topics, audiences, places, split in WINDOWS:
        window = Window.objects.filter(organization=organization, name=name).first()
        values = {
            "provider": provider,
            "description": description,
            "topics": topics,
            "audiences": audiences,
            "hours_note": HOURS_NOTE,
            "is_demo": True,
            "note": DEMO_NOTE,
        }
        if window is None:
            window = Window.objects.create(organization=organization, name=name, **values)
        elif any(getattr(window, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(window, key, value)
            window.save()
        if not window.locations.exists():
            Location.objects.bulk_create(
                Location(window=window, name=place, ward=ward) for place, ward in places
            )
        if not window.schedules.exists():
            periods = SPLIT if split else (DAY,)
            Schedule.objects.bulk_create(
                Schedule(
                    window=window,
                    weekdays=[0, 1, 2, 3, 4],
                    opens_at=opens,
                    closes_at=closes,
                    description="デモ用の仮の時間",
                )
                for opens, closes in periods
            )
    for key, body in LEAFLET.items():
        LeafletSection.objects.get_or_create(organization=organization, key=key, defaults={"body": body})
