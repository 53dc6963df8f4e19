"""A conversation that opens with a list, asked the way people type it: the same request as the list questions'
(「…の施策を全部教えて」), cut short or said casually (「…使う施策まとめて」). It is read as a list and counts the
subject's measures, not only the best one; else every follow-up on the list (その中で…, 2つ目の…) is asked of one card."""

from index.assist import ask
from index.retrieve.understand import understand


def reads_as_list(q: str) -> bool:
    return understand(q, {}).is_list


def ids(answer):
    return [h.card.id for h in answer.answers]


# ------------------------------------------------------------------------------------------------ reading only

def test_a_request_cut_short_after_the_measures_reads_as_a_list():
    assert reads_as_list("マイナンバーとかマイナポータル使う施策まとめて")
    assert reads_as_list("港湾関係のをまとめて")
    assert reads_as_list("防災の取組、まとめて。")
    # … or put as a favour
    assert reads_as_list("被災者支援の施策まとめてもらえる？")
    assert reads_as_list("遠隔医療の施策、まとめといて")


def test_gathering_things_together_is_no_list():
    """まとめて with no measures before it says how something is done (gathered together), not what is asked."""
    assert not reads_as_list("被災した人の記録をまとめて管理する台帳のやつ教えて")
    assert not reads_as_list("3分野まとめて")  # cut from 「3分野まとめての運用開始はいつ？」
    assert not reads_as_list("警察のシステムを共通基盤にまとめる施策、運転免許とかの")


# ------------------------------------------------------------------------------------------------ the chat

def test_a_casual_list_opening_counts_as_many_measures_as_the_list_question(retriever):
    """「…使う施策まとめて」 opens a conversation with the list 「…を使う施策を全部」 asks for: the same cards, so that
    「その中で災害系は」 then narrows a list, not one card."""
    casual = ask(retriever, "マイナンバーとかマイナポータル使う施策まとめて")
    assert set(ids(casual)) == set(ids(ask(retriever, "マイナンバーやマイナポータルを使う施策を全部")))
    assert {"03-19", "03-20", "03-21"} <= set(ids(casual))
    narrowed = ask(retriever, "その中で災害系は", casual.conversation)
    assert {"03-19", "03-20", "03-21"} <= set(ids(narrowed))


def test_an_english_question_about_what_cards_mention_reads_the_tables_words(retriever):
    """"Which measures mention COVID-19?" asks for the cards that write it, as 「新型コロナに触れている施策を全部」 does:
    the cards write 新型コロナウイルス (the glossary's term for COVID-19 that the fewest cards write; 感染症 is any
    infection), not the English name. Words the cards write as they are (5G) are looked for as written."""
    covid = set(ids(ask(retriever, "Which measures mention COVID-19?")))
    assert covid == set(ids(ask(retriever, "新型コロナに触れている施策を全部挙げて")))
    assert covid == {"03-09", "03-14", "04-03", "07-03"}
    assert "03-12" not in covid  # 感染症 only, no word of the coronavirus
    assert set(ids(ask(retriever, "Which measures mention 5G?"))) == {"02-08", "07-01", "07-02"}


def test_an_english_ministry_list_is_framed_by_any_form_of_its_verbs(retriever):
    """"List every measure involving the PPC" is the commission's list, as "… that involve the PPC" and
    「個人情報保護委員会がかかわってる施策を全部」 are: "involving" frames the question as "involves" does, and
    leaves no topic to rank the commission's cards by (which cut 03-03 and 05-30, whose text says little of privacy)."""
    from index.retrieve.understand import has_topic, is_framing

    assert is_framing("involving") and is_framing("joined") and is_framing("participates")
    assert not is_framing("drones") and not is_framing("farming")
    assert not has_topic("list every measure involving the   ( ),  .")  # the ministry and "lead or not" read
    every = {"03-03", "03-07", "05-30", "05-35", "05-36"}
    assert set(ids(ask(retriever, "個人情報保護委員会がかかわってる施策を全部"))) == every
    assert set(ids(ask(retriever, "List every measure involving the Personal Information Protection Commission "
                                  "(個人情報保護委員会), lead or not."))) == every
