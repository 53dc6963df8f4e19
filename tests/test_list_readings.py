"""List questions read for what they ask: a ministry's lead role joined to a supporting one asks for both, an English
question citing the table's own 未設定 asks for the cells written so, and an everyday word for a topic a few cards
share (港 for 港湾) is read in the table's words, as a person reading the question would."""

from index.assist import ask
from index.retrieve.glossary import in_table_words, specific_entries
from index.retrieve.card_words import full_text


def counted(answer):
    return sorted(h.card.id for h in answer.answers)


def involved(cards, ministry: str) -> list[str]:
    return sorted(c.id for c in cards if any(m.name == ministry for m in c.ministries))


def leads(cards, ministry: str) -> list[str]:
    return sorted(c.id for c in cards if ministry in c.lead_ministries)


def test_the_lead_role_joined_to_a_supporting_one_asks_for_every_card_of_the_ministry(retriever, cards):
    """「主担当・関係すべて」, 「◎でも○でも」, 「主担当に限らず」: both roles, so every card naming the ministry."""
    everything = involved(cards, "経済産業省")
    assert len(everything) > len(leads(cards, "経済産業省"))
    for q in ("経済産業省が関わっている施策を主担当・関係すべて", "経産省が主担当も関係も含めて入っている施策を全部",
              "経済産業省が◎でも○でもいいので入っている施策", "経済産業省が主担当に限らず関わっている施策の一覧",
              "List every measure METI takes part in, as lead or supporting ministry."):
        assert counted(ask(retriever, q)) == everything, q
    # the lead alone is still the lead alone
    assert counted(ask(retriever, "経済産業省が主担当の施策を全部")) == leads(cards, "経済産業省")


def test_an_english_question_citing_the_tables_word_for_an_unset_kpi_lists_the_cells_written_so(retriever, cards):
    written = sorted(c.id for c in cards if "未設定" in (c.kpi_progress + c.kpi_effect))
    assert written and written == counted(ask(retriever, "KPIが「未設定」になっている施策を全部"))
    assert counted(ask(retriever, "Which measures have their KPIs marked as 未設定 (not set)?")) == written
    # a blank cell is no written 未設定: asked for both, the blank ones come too
    both = counted(ask(retriever, "Which measures have KPIs marked as 未設定 (not set) or left blank?"))
    assert set(written) < set(both)


def test_an_everyday_word_inside_a_longer_table_word_is_not_the_tables_own(retriever):
    """The table writes 寄港の (a port call), not 港の: 港の is still an everyday word for 港湾."""
    entries = specific_entries([full_text(c) for c in retriever.cards], 3)
    port = next(e for e in entries if e.terms == ("港湾",))
    assert "港ノ" in port.everyday  # (folded)
    assert in_table_words("港のデジタル化に関係する施策を全部", entries).startswith("港湾")
    assert in_table_words("空港のデジタル化", entries) == "空港のデジタル化"  # 港 inside 空港 is no port


def test_a_list_about_the_port_reads_it_as_the_tables_port_words(retriever, cards):
    ports = sorted(c.id for c in cards if "港湾" in full_text(c))
    assert len(ports) == 3
    for q in ("港の施策を全部", "港のデジタル化に関係する施策を全部ください", "港湾のデジタル化に関係する施策ぜんぶ"):
        assert counted(ask(retriever, q)) == ports, q
