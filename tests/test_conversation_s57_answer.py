"""What a one-card answer says (session 57): the fact asked of the card, whichever way it is asked. 「〜の所管」 at the
end of a question (or 「所管どこ」, 「どちらの所管」, 「どちらのご担当」) asks the lead, as 「〜の主担当」 does; a step's
start or end asked by itself (「検討開始は」, 「検討スタートは？」) asks when; "what does it measure?", 「何で評価する」,
「なにで はかるの」 ask what the measure is judged by, its KPIs, not what it does; 「なん団体」 typed in kana among words
the table's spelling has already written (「なんだんたい」 → 「なん団体」) still asks a count, so the sentence with the
count is quoted; and 「全然関係ないけど、」 before 「この中にある？」 changes the subject: 「この中」 is then the table,
not the cards just answered, and a topic no card has is answered with none. An acronym the question asks by is
said as the card writes it out (「Data Free Flow with Trust(DFFT)」); 「どうなってるの」, 「なにするやつ」 quote what the
measure does, past the problem its overview opens with (the problem too, when nothing of the overview is quoted yet);
a word only one card of the table writes (反則金) names that card, not the one just answered. Our own wordings
(polite, casual, spaced kana, English); none is a blind set's turn."""

import pytest

from tests.test_conversation_cases import MINISTRY_LEAD_MEXT, MINISTRY_LEAD_MLIT, T, assert_followed

PORTS = ("02-10", "03-43", "03-44")

CONVERSATIONS = {
    # the lead, asked by 所管 (the word of the office that holds a measure) at the question's end
    "所管 ending the question asks the lead": [
        T("災害情報をSIP4Dで共有する取り組みの所管", "03-17", "◎内閣府"),
    ],
    "所管どこ, casual": [
        T("SIP4Dを使った災害情報の共有って所管どこ？", "03-17", "◎内閣府"),
    ],
    "どちらの所管, polite": [
        T("SIP4Dによる災害情報共有は、どちらの所管でしょうか。", "03-17", "◎内閣府"),
    ],
    "どちらのご担当, polite": [
        T("SIP4Dの災害情報共有はどちらのご担当ですか", "03-17", "◎内閣府"),
    ],
    "所管 after a card already answered": [
        T("CYDERって何？", "06-03"),
        T("で、その所管", "06-03", "◎総務省"),
    ],
    # a step's start or end, asked by itself: its date
    "検討開始は after the card's KPI": [
        T("土地情報連携の高度化の効果KPI", "05-31"),
        T("API連携 検討開始は", "05-31", "令和3年度(2021年度)から"),
    ],
    "スタートは, casual": [
        T("土地情報連携の高度化の効果KPI", "05-31"),
        T("API連携 検討スタートは？", "05-31", "令和3年度(2021年度)から"),
    ],
    # what a measure is judged by: its KPIs
    "what does the fourth one measure": [
        T("国交省主担当の施策", MINISTRY_LEAD_MLIT),
        T("The fourth one — what does it measure?", "05-33", "G空間情報センターの平均月間ページビュー数"),
    ],
    "what does it track": [
        T("国交省主担当の施策", MINISTRY_LEAD_MLIT),
        T("4th one: what does it track?", "05-33", "G空間情報センターの平均月間ページビュー数"),
    ],
    # (what a card answer already shows besides: kept, so that the KPIs stay said however the field is read)
    "何で評価する, polite": [
        T("国交省主担当の施策", MINISTRY_LEAD_MLIT),
        T("4番目は何で評価するんですか", "05-33", "G空間情報センターの平均月間ページビュー数"),
    ],
    "なにで はかるの, spaced kana": [
        T("国交省主担当の施策", MINISTRY_LEAD_MLIT),
        T("4つめ なにで はかるの", "05-33", "G空間情報センターの平均月間ページビュー数"),
    ],
    # a count asked in kana whose counter the table's spelling wrote first
    "なんだんたい in spaced kana after a switch": [
        T("CYDERって何？", "06-03"),
        T("べつのはなし ちいきじょうほうか あどばいざー なんだんたいに はけんしたの", "06-02", "227団体"),
    ],
    "なんだんたい in spaced kana, no switch": [
        T("ちいきじょうほうか あどばいざー なんだんたい はけん", "06-02", "227団体"),
    ],
    # the subject changed, then 「この中にある？」: the table
    "全然関係ないけど before この中": [
        T("港湾関係の施策まとめて教えて", PORTS),
        T("全然関係ないけど、eスポーツ振興の施策ってこの中にある？", ()),
    ],
    "関係ない話ですが before この中, polite": [
        T("港湾関係の施策まとめて教えて", PORTS),
        T("関係ない話ですが、eスポーツを振興する施策はこの中にありますか", ()),
    ],
    "全然関係ないけど, then a card of the table": [
        T("港湾関係の施策まとめて教えて", PORTS),
        T("全然関係ないけど、CYDERの演習回数の目標ってこの中にある？", "06-03", "100回"),
    ],
    # an acronym the question names, as the card writes it out
    "DFFT written out, polite": [
        T("大阪トラックやDFFTに関する施策はどれでしょうか。", "05-35", "Data Free Flow with Trust(DFFT)"),
    ],
    "DFFT written out, English": [
        T("Which measure covers the Osaka Track and DFFT?", "05-35", "Data Free Flow with Trust(DFFT)"),
    ],
    # what a measure does: the sentence past the problem its overview opens with
    "どうなっていますか says what is done": [
        T("罹災証明のデジタル化って今どうなっていますか？", "03-18", "罹(り)災証明書の電子申請"),
    ],
    "なにするの in spaced kana says what is done": [
        T("ひさいしゃせいかつさいけんしえんきん てんぷしょるい なにするの", "03-21", "住民票の写しの添付の不要化"),
    ],
    "それ なにするやつ after a list": [
        T("被災者支援の施策をぜんぶ", ("03-18", "03-19", "03-20", "03-21")),
        T("4つめ なにするやつ", "03-21", "住民票の写しの添付の不要化"),
    ],
    "the last one: the problem it is for and what is done": [
        T("文部科学省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
        T("最後のやつは？", "06-10", "高度データ関連人材", "コンソーシアム"),
    ],
    # a word only one card of the table writes names that card, not the one just answered
    "反則金 after the card for the visually impaired": [
        T("視覚障害者の移動支援システムの施策", "02-09"),
        T("反則金もネットで払えるようになりますか？", "02-05"),
    ],
    "はんそくきん in spaced kana after it": [
        T("視覚障害者の移動支援システムの施策", "02-09"),
        T("あと はんそくきん ねっとで はらえるように なるの", "02-05"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_the_asked_fact_is_in_the_answer(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_a_switch_remark_is_kept_for_the_follow_up():
    """「全然関係ないけど、」 is a remark before the question, but one that changes the subject: kept, so that the
    conversation reading sees the switch (a remark such as 「前置き抜きで聞くけど、」 is still taken off)."""
    from index.assist import _without_remarks

    assert _without_remarks("全然関係ないけど、eスポーツの施策ってこの中にある？").startswith("全然関係ないけど")
    assert _without_remarks("前置き抜きで聞くけど、CYDERの目標は？") == "CYDERの目標は？"


def test_nan_before_a_respelled_counter_asks_a_count():
    """「なんだんたい」 typed in spaced kana: 団体 is the table's word, respelled before the counters are read, and 何
    is still written before it."""
    from index.text import written_spaced_kana

    assert "何団体" in written_spaced_kana("ちいき あどばいざー なんだんたいに はけん", {"ダンタイ": "団体"})
