"""Lists by topic, asked the way people ask for them: 「一通り知りたい」, 「全部まとめて」, 「…とか…とかの施策」,
"Which initiatives …". Each is read as a list, and its answer counts the subject's measures, not only the best one."""

from index.retrieve.understand import understand


def reads_as_list(q: str) -> bool:
    return understand(q, {}).is_list


# ------------------------------------------------------------------------------------------------ reading only

def test_ways_of_asking_for_every_measure_of_a_subject_read_as_lists():
    assert reads_as_list("防災関係のデジタル化の施策を一通り知りたいです")
    assert reads_as_list("子育て支援の施策、ひととおり見せて")
    assert reads_as_list("港湾まわりの施策をまとめて教えてほしい")
    assert reads_as_list("通信インフラ整備の施策しりたい")
    # a subject named by its examples: 「AとかBとか」 before 施策
    assert reads_as_list("ドローンとか自動運転とか、新しい移動手段の施策は？")
    assert reads_as_list("Which initiatives are about open data?")
    assert reads_as_list("What programs support elderly people online?")


def test_one_measure_asked_for_stays_one():
    assert not reads_as_list("被災した人の記録をまとめて管理する台帳のやつ教えて")  # まとめて管理する: no request
    assert not reads_as_list("橋とかトンネルの点検データ、まとめて使えばいいのに")  # no 施策 after the examples
    assert not reads_as_list("Is there a program to train security engineers?")
    assert not reads_as_list("テレワークを広める施策はありますか")


def test_the_list_words_leave_the_topic_whole():
    """The lookaheads consume only the list word: 「信号とか交通管制とか」 keeps 信号 and 交通管制 in the topic."""
    intent = understand("信号とか交通管制とか、道路交通の施策をまとめて知りたい", {})
    assert intent.is_list and "信号" in intent.topic and "交通管制" in intent.topic


# ------------------------------------------------------------------------------------------------ the sets

def answered(result):
    return {h.card.id for h in result.answers}


def test_a_subject_asked_for_in_full_counts_its_measures_not_only_the_best(retriever):
    """「一通り」 and 「…とか…とかの施策しりたい」 were one-card questions: 03-06 alone for the school ICT measures,
    07-01 and 07-03 for the networks. As lists they count the subject's measures."""
    school = retriever.search("学校のICT化の施策を一通り知りたい")
    assert school.intent.is_list
    assert {"03-01", "03-02", "03-03", "03-04", "03-05", "03-06"} <= answered(school)
    networks = retriever.search("光回線とか携帯とか、通信環境の施策しりたい")
    assert answered(networks) == {"07-01", "07-02", "07-03", "07-04"}  # the chapter 07 networks, nothing else


def test_a_list_that_filters_make_is_cut_at_its_own_line(retriever, monkeypatch):
    """A ministry's list (or a follow-up's set) is cut at list_filtered_threshold, a topic list at list_threshold:
    raising the first leaves the topic list as it was and keeps only the filtered list's surest card."""
    from dataclasses import replace

    import pytest

    from index.config import SearchParams

    police = "警察庁が担当する交通の施策を全部"
    topic = "光回線とか携帯とか、通信環境の施策しりたい"
    assert len(retriever.search(police).answers) > 1
    before = answered(retriever.search(topic))
    monkeypatch.setattr(retriever, "params", replace(retriever.params, list_filtered_threshold=0.999))
    assert len(retriever.search(police).answers) == 1  # nothing reaches the line: the best card stands for it
    assert answered(retriever.search(topic)) == before
    with pytest.raises(ValueError, match="list_filtered_threshold"):
        SearchParams(list_filtered_threshold=1.5)


def test_the_list_model_is_fitted_on_every_dev_split_and_no_test_split():
    """eval/fit_list_confidence.py reads the dev splits' list questions and list openings, dev5 and dev6 included;
    never a test split, nor dev7 (the transfer check)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
    try:
        import fit_list_confidence as fit
    finally:
        sys.path.pop(0)
    splits = [split for _, split, _ in fit.LIST_SETS] + [split for _, split in fit.CONVERSATION_SETS]
    assert {"dev5", "dev6"} <= set(splits) and all(s in ("dev", "dev2", "dev3", "dev4", "dev5", "dev6") for s in splits)
