"""A "next year's table" made from the bundled 施策集 with known changes, for calibrating and testing
`seisaku similar --against`: cards kept with light edits (continued), reworded by hand (changed), removed
(dropped), and new measures on topics the table does not have (new). Two disjoint splits: thresholds are chosen
on "dev" (eval/calibrate_similar.py) and checked on "test" (tests/test_report_similar.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

# Hand-written rewordings: a new name and an overview in other words (some keep one original sentence, as next
# year's plans often do).
REWORDED = {
    "dev": {
        "02-06": ("信号情報を車両に届ける運転支援インフラの全国展開",
                  "交通量や死亡事故の多い幹線道路を中心に、信号の灯色や残り時間を車に知らせる路側設備を順次設置する。"
                  "ドライバーの急ブレーキや信号無視を減らし、交差点での事故を防ぐとともに、車の流れを滑らかにする。"),
        "03-06": ("学校でのデジタル教科書の本格導入に向けた実証",
                  "小中学校の児童生徒が端末で使う教科書を広く配り、クラウドからの配信方法や学習への効果、健康への影響を検証する。"
                  "検証結果は今後の教科書のあり方を議論する会議で活用する。"),
        "03-12": ("ワクチン接種歴の電子記録と安全性評価への活用",
                  "ワクチンの接種歴を電子的に記録し、医療機関の診療データと結び付けることで、副反応や有効性を早く評価できる"
                  "基盤をつくる。これにより、予防接種の有効性・安全性についての迅速な評価を行う基盤構築に向けた取組を進める。"),
        "04-02": ("ドローンの有人地帯での目視外飛行に向けた制度運用と物流での活用",
                  "改正航空法に基づき、人がいる地域の上空でも操縦者が目で見ずに飛ばせる仕組みを動かすため、機体認証や操縦"
                  "ライセンスの体制を整える。山間部や離島での荷物配送の実証を全国で進める。"),
        "05-33": ("G空間情報センターを核とした地理空間データの連携拡大",
                  "位置に関するデータを分野の垣根を越えて使えるよう、G空間情報センターと防災・農業などのデータ基盤をつなぐ。"
                  "利用者が一か所で必要な地図データを探し、取得できるようにする。"),
        "07-03": ("トンネル内で携帯電話がつながらない区間の早期解消",
                  "新幹線や在来線のトンネル、道路トンネルでは電波が届かず通話や通信ができない場所が残っている。"
                  "事業者による対策工事を支援し、災害時や緊急時にも乗客が連絡を取れるようにする。"),
    },
    "test": {
        "02-09": ("目の不自由な人や高齢者が交差点を安全に渡るための歩行者支援システムの拡大",
                  "スマートフォンに信号の状態を知らせる歩行者支援の通信システムを、音の出る信号機を終日鳴らせない住宅地などを"
                  "中心に全国に広げるよう、各都道府県の警察に働き掛ける。"),
        "03-15": ("超高精細映像を用いた遠隔手術支援の研究開発",
                  "8Kカメラによる内視鏡手術システムを小型化し、離れた病院の専門医が手術を支援できる仕組みを開発する。"
                  "試作機で模擬的な臨床試験を行い、有効性と導入コストを評価する。"),
        "04-01": ("請求書の電子化(デジタルインボイス)の標準化と普及",
                  "インボイス制度の開始に合わせ、請求書をデータでやり取りするための共通の仕様を定め、中小企業を含めて使われる"
                  "ようにする。国の調達でも請求・領収データをシステムで受け取れるよう準備する。"),
        "05-30": ("テレビの視聴データを適切に活用するためのルールづくり",
                  "放送局が集める視聴履歴の扱いについて、個人情報保護のガイドラインを改め、活用事例集をまとめて業界の自主ルール"
                  "づくりを後押しする。こうしたデータ活用環境の整備により、放送事業者等による新たなコンテンツやサービスの創出、"
                  "展開に繋(つな)げる。"),
        "06-07": ("大学等での数理・データサイエンス・AI教育の普及",
                  "応用基礎レベルのモデルカリキュラムに沿った教材を作り、優れた教育プログラムを国が認定して全国の大学や高専に"
                  "広げる。"),
        "07-09": ("地域の子どもがプログラミングを学び合うクラブ活動の全国展開",
                  "小学校でプログラミング教育が始まったことを受け、地域で子どもたちがICTを学び合う場を増やす。"
                  "運営団体どうしのネットワークづくりや好事例の紹介を進める。"),
    },
}

# Measures the 2021 table does not have.
NEW = {
    "dev": [
        ("宇宙から得られる衛星データの行政利用の拡大",
         "人工衛星が撮影した画像や観測データを、森林の違法伐採の監視や海洋の油流出の把握など行政の現場で使えるよう、"
         "データの提供環境と解析ツールを整備する。"),
        ("文化財のデジタルアーカイブ化と公開",
         "美術館・博物館が所蔵する絵画や工芸品、古文書を高精細に撮影し、誰でもインターネットで閲覧できる形で公開する。"),
        ("公共交通の運賃キャッシュレス化とMaaSの推進",
         "地方のバスや鉄道で交通系ICカードやQRコードによる運賃支払いを可能にし、複数の交通手段を一括で検索・予約・決済"
         "できるサービスを広げる。"),
        ("スマート農業機械の自動走行の安全ルール整備",
         "無人で走るトラクターや田植機が圃(ほ)場の間を移動できるよう、安全確保のガイドラインを定め、遠隔監視の実証を行う。"),
    ],
    "test": [
        ("気象データを活用した再生可能エネルギー発電量予測の高度化",
         "太陽光や風力の発電量を、気象観測と数値予報のデータを使って高い精度で予測し、電力の需給調整に役立てる。"),
        ("図書館の蔵書と資料のオンライン貸出",
         "公立図書館の電子書籍サービスを広げ、来館できない住民も自宅から本を借りて読めるようにする。"),
        ("中小企業のサイバー保険加入の促進",
         "ランサムウェア被害に備え、中小企業向けの保険商品の周知と加入費用の一部補助を行う。"),
        ("観光地の混雑状況のリアルタイム配信",
         "人気の観光地でカメラやセンサーにより混雑度を測り、旅行者のスマートフォンに配信して分散来訪を促す。"),
    ],
}

REMOVED = {"dev": ["03-42", "06-04", "07-10", "03-44"], "test": ["02-05", "03-11", "05-36", "07-07"]}

_YEAR = re.compile(r"令和(\d)年度\((\d{4})年度\)")


def _next_year(text: str) -> str:
    """The light edit of a continued card: its fiscal years one later (令和3年度(2021年度) → 令和4年度(2022年度))."""
    return _YEAR.sub(lambda m: f"令和{int(m.group(1)) + 1}年度({int(m.group(2)) + 1}年度)", text)


def modified_table(cards, split: str) -> tuple[list[dict], list[str], list[str]]:
    """(records of the new table, the label each row should get, the ids of the cards that should be dropped).
    Records use the card export shape; IDs are renumbered the way a new year's table would be."""
    other = "test" if split == "dev" else "dev"
    # the other split's changes are not in this copy: those cards are plainly continued here
    reworded, removed = REWORDED[split], set(REMOVED[split])
    assert not (set(REWORDED[other]) | set(REMOVED[other])) & (set(reworded) | removed)
    records, labels = [], []
    for card in cards:
        if card.id in removed:
            continue
        chapter = card.id[:2]
        new_id = f"{chapter}-{sum(1 for r in records if r['id'].startswith(chapter)) + 1:02d}"
        ministries = card.ministries_raw or "、".join(m.name for m in card.ministries)
        if card.id in reworded:
            name, overview = reworded[card.id]
            records.append({"id": new_id, "name": name, "overview": overview, "ministries": ministries,
                            "kpi_progress": card.kpi_progress})
            labels.append("changed")
        else:
            overview = _next_year(card.overview) + "\n引き続き、関係機関と連携して着実に実施する。"
            records.append({"id": new_id, "name": card.name, "overview": overview, "ministries": ministries,
                            "kpi_progress": _next_year(card.kpi_progress), "kpi_effect": card.kpi_effect})
            labels.append("continued")
    for k, (name, overview) in enumerate(NEW[split], 1):
        records.append({"id": f"08-{k:02d}", "name": name, "overview": overview, "ministries": "◎内閣官房"})
        labels.append("new")
    return records, labels, sorted(removed)


def write_modified_table(cards, split: str, path: Path) -> tuple[list[str], list[str]]:
    """Write the modified copy as JSONL (what `seisaku similar --against` reads); returns (labels, dropped)."""
    records, labels, dropped = modified_table(cards, split)
    Path(path).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return labels, dropped
