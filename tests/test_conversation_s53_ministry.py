"""Ministry questions read as slots (session 53): which ministry (by name, short or English name, 「同委員会」 /
「同省」 for the one just named), which role (lead ◎, named at all, the only one named, the only lead), which scope
(every card, the list just shown, one card) and which not. A greeting or a formal request around the question, the
column named as the place to look (「府省庁名欄で」), "carries the lead mark ◎", a body set aside to say which one is
meant ("the Cabinet Office — not the Cabinet Secretariat") change none of the slots. Our own wordings beside the
blind sets' (dev36 z601 z620 z631 z640, dev37 z701 z702 z704 z710 z716 z725 z727 z741), in polite, casual and English
styles."""

import pytest

from tests.test_conversation_cases import (MINISTRY_LEAD_CAO, MINISTRY_LEAD_METI, MINISTRY_LEAD_MHLW,
                                           MINISTRY_LEAD_MLIT, MINISTRY_LEAD_NPA, T, assert_followed)

MINISTRY_LEAD_CAS = ("03-19", "03-20", "03-21", "04-01", "04-02", "04-03", "05-31", "06-01", "07-07")
SEVERAL_LEADS = ("03-19", "03-20", "03-21")
DISASTERS = ("03-16", "03-17", "03-18", "03-19", "03-20", "03-21")
PPC_NAMED = ("03-03", "03-07", "05-30", "05-35", "05-36")
PORTS = ("02-10", "03-43", "03-44")

CONVERSATIONS = {
    # a greeting before (or after) the question names no topic: the ministry's whole list
    "a business greeting before a lead list": [T("お世話になっております。警察庁が主担当になっている施策を一覧で教えていただけますでしょうか。",
                                                 MINISTRY_LEAD_NPA)],
    "いつもお世話に before a lead list": [T("いつもお世話になっております。経済産業省が主担当の施策を全部教えてください。",
                                         MINISTRY_LEAD_METI)],
    "お疲れ様です before a lead list": [T("お疲れ様です。国交省がメインの施策を一覧でお願いします。", MINISTRY_LEAD_MLIT)],
    "a closing greeting after a lead list": [T("警察庁が主担当の施策を一覧でお願いします。よろしくお願いいたします。",
                                               MINISTRY_LEAD_NPA)],
    "an English greeting before a lead list": [T("Hello. Please list every measure the National Police Agency leads.",
                                                 MINISTRY_LEAD_NPA)],
    # the column named as the place to look, and a formal request (ご教示, ご提示, 抽出): no field, no topic
    "府省庁名欄で … ◎が付されている, ご教示願います": [T("府省庁名欄で警察庁に◎(主担当)が付されている施策を、漏れなくご教示願います。",
                                                  MINISTRY_LEAD_NPA)],
    "府省庁名の欄に◎付きで, ご提示ください": [T("府省庁名の欄に◎付きで国土交通省が載っている施策を全部ご提示ください。",
                                            MINISTRY_LEAD_MLIT)],
    "担当府省庁の欄で, casual": [T("担当府省庁の欄で厚労省に◎ついてるやつ全部", MINISTRY_LEAD_MHLW)],
    "府省庁名欄において◎が複数, 抽出": [T("府省庁名欄において、◎が複数の府省庁に付されている施策を抽出してください。", SEVERAL_LEADS)],
    "府省庁名の欄で◎が2つ以上, 抽出願います": [T("府省庁名の欄で◎が2つ以上付いている施策を抽出願います。", SEVERAL_LEADS)],
    # "carries the lead mark ◎": the lead, said with the table's mark
    "English: carries the lead mark": [
        T("Please list every measure in which the Cabinet Secretariat (内閣官房) carries the lead mark ◎.", MINISTRY_LEAD_CAS)],
    "English: marked ◎": [T("list all measures where the Cabinet Secretariat is marked with ◎", MINISTRY_LEAD_CAS)],
    # a body named only to say which one is meant: not a filter
    "English: the Cabinet Office — not the Cabinet Secretariat": [
        T("Which measures are led by the Cabinet Office, 内閣府 — not the Cabinet Secretariat?", MINISTRY_LEAD_CAO)],
    "English: (not the Cabinet Secretariat)": [
        T("Measures led by the Cabinet Office (not the Cabinet Secretariat), please list them all.", MINISTRY_LEAD_CAO)],
    "内閣官房ではなく内閣府": [T("内閣官房ではなく内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO)],
    # the only lead, in English
    "English: led only by, of those": [
        T("show me everything about disaster response and help for disaster victims", DISASTERS),
        T("which of these are led only by the cabinet office", ("03-16", "03-17", "03-18")),
    ],
    "English: the only lead, of those": [
        T("List every measure the Cabinet Office (内閣府) leads.", MINISTRY_LEAD_CAO),
        T("Of those, where is the Cabinet Office the only lead?", ("03-11", "03-16", "03-17", "03-18", "03-45", "07-04")),
    ],
    "English: led by … alone": [
        T("measures led by the Cabinet Office alone", ("03-11", "03-16", "03-17", "03-18", "03-45", "07-04"))],
    # the only ministry named at all (any role)
    "その中で, no other ministry written": [
        T("内閣府が主担当(◎)になっている施策をリストアップしてください。", MINISTRY_LEAD_CAO),
        T("そのうち、内閣府のほかに府省の記載がないものは？", ("03-45", "07-04")),
    ],
    "その中で, only that ministry in the cell (casual)": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        T("その中で府省庁名が内閣府しかないやつは？", ("03-45", "07-04")),
    ],
    "English: no ministry other than": [
        T("List every measure the Cabinet Office (内閣府) leads.", MINISTRY_LEAD_CAO),
        T("Of those, which list no ministry other than the Cabinet Office?", ("03-45", "07-04")),
    ],
    "the only body in the cell, an opening list": [T("内閣府しか府省庁名に載っていない施策を全部", ("03-45", "07-04"))],
    "the cell holds one body, an opening list": [T("府省庁名が内閣府だけの施策は？", ("03-45", "07-04"))],
    "the only body taking part, an opening list": [T("文科省だけが関わっている施策を一覧で",
                                                     ("03-05", "03-06", "06-07", "06-08", "06-09", "06-10"))],
    # 同委員会 / 同省: the ministry the conversation just named
    "同委員会 after a list of the commission's cards": [
        T("府省庁名欄に個人情報保護委員会が記載されている施策を、主担当・関係の別を問わず列挙願います。", PPC_NAMED),
        T("うち、同委員会が主担当となっているものは。", "05-36", "個人情報保護委員会"),
    ],
    "同省 after a ministry's list": [
        T("財務省が関係府省庁として記載されている施策をお示しいただけますか。", ("02-10", "03-43", "04-01")),
        T("このうち同省が主担当のものはありますか。", ()),
    ],
    "同様に, another ministry": [
        T("外務省の名前が入っている施策はございますか。", "05-36"),
        T("同様に、環境省が記載されているものは。", "07-07", "環境省"),
    ],
    "同じく, another ministry, casual": [
        T("外務省が入ってる施策ある？", "05-36"),
        T("同じく法務省は？", ("04-02", "05-31")),
    ],
    # one card: a yes/no about its lead being the only one
    "所管は文科省単独, of one card": [
        T("学習者用デジタル教科書の施策の目標年度は？", "03-06"),
        T("所管は文科省単独という理解で合っていますか", "03-06", "文部科学省"),
    ],
    "主担当は文科省だけ, of one card": [
        T("学習者用デジタル教科書の施策の目標年度は？", "03-06"),
        T("主担当って文科省だけで合ってる？", "03-06", "文部科学省"),
    ],
    # the lead as the table writes it: the cell's own text beside the names read from it
    "the lead as written": [T("ドローンの施策は主担当がどのように表記されていますか。", "04-02", "◎内閣官房小型無人機等対策推進室")],
    "the ministries cell as written, casual": [T("ドローンのやつ、府省庁名って何て書かれてる？", "04-02",
                                                 "◎内閣官房小型無人機等対策推進室")],
    # each card of the list: its ministries, the lead apart from the others
    "each card's ministries, lead and others": [
        T("港湾まわりのデジタル化施策を全部出してもらえますか", PORTS),
        T("各施策の府省庁を、主担当と関係に分けて整理してください", PORTS, "国土交通省", "財務省"),
    ],
    "each card's ministries, English": [
        T("港湾まわりのデジタル化施策を全部出してもらえますか", PORTS),
        T("For each of them, split the ministries into the lead and the others.", PORTS, "国土交通省", "財務省"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_ministry_slots_are_read_alike_in_every_wording(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
