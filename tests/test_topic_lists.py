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
