"""(issue 18) `seisaku ask` is the chat on the command line: a conversation kept in a --history file from one call
to the next (as a script would drive it), or a prompt that keeps it, with the web chat's answers."""

import json
import re


from index.assist import Conversation, ask


def test_a_history_file_carries_the_conversation_between_calls(cli, tmp_path, retriever):
    history = tmp_path / "chat.json"
    rc, out, _ = cli("ask", "--history", history, "ドローンの施策は？")
    assert rc == 0 and "[04-02]" in out and history.exists()
    rc, out, _ = cli("ask", "--history", history, "担当は？", "--json")
    answer = json.loads(out)
    assert rc == 0 and answer["answer"]["answers"] == ["04-02"] and answer["answer"]["field"] == "ministries"
    # the same turn in the web chat's library call gives the same answer
    web = ask(retriever, "担当は？", ask(retriever, "ドローンの施策は？").conversation)
    assert answer["answer"]["text"] == web.direct
    assert [t["question"] for t in json.loads(history.read_text(encoding="utf-8"))] == ["ドローンの施策は？", "担当は？"]
    rc, out, _ = cli("ask", "--history", history, "3番目の施策は？")
    assert "1 件" in out and "3 番目の施策はありません" in out


def test_the_prompt_keeps_the_conversation(cli):
    rc, out, _ = cli("ask", stdin="被災者支援に関する施策を全部教えて\nそれぞれの担当は？\n2つ目の概要\n\n")
    listed = re.findall(r"\[(\d\d-\d\d)\]", out.splitlines()[0])
    assert rc == 0 and f"該当する施策は {len(listed)} 件です" in out and {"03-18", "03-19", "03-20"} <= set(listed)
    assert "| 施策番号 |" in out and "| 03-19 |" in out  # それぞれの担当: the field of every card, as a table
    assert f"「2つ目の」は直前の一覧の 2 番目（{listed[1]}）" in out


def test_a_bad_history_file_is_one_line(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    rc, _, err = cli("ask", "--history", bad, "担当は？")
    assert rc == 2 and "--history" in err and str(bad) in err and len(err.strip().splitlines()) == 1
    assert Conversation.from_list(json.loads('[{"question": "q", "answers": ["04-02"]}]')).last.answers == ("04-02",)


def test_search_and_ask_count_the_same_cards(cli):
    """One answer path: the CLI's search, the chat on the command line (and the web chat, tests/test_assist.py)."""
    for q in ("KPIが空欄の施策は？", "KPIが未設定の施策は？", "総務省が主担当の施策を漏れなく", "2025年度までの目標がある施策",
              "条や手引の欄に何か印が付いている施策"):
        _, out, _ = cli("search", q, "--json")
        result = json.loads(out)
        searched = [h["id"] for h, answer in zip(result["results"], _answer_flags(result)) if answer]
        _, out, _ = cli("ask", q, "--json")
        assert sorted(searched) == sorted(json.loads(out)["answer"]["answers"]), q


def _answer_flags(result: dict) -> list[bool]:
    """Which hits of `seisaku search --json` are answers: a list's are the ones not marked related."""
    return [not h["related"] for h in result["results"]]
