"""`seisaku bench`'s report line says the CPU seconds and the machine's load beside the wall time: on a shared
machine the same code's wall time moves with the other processes, and the CPU time tells a slower program from a
busier machine."""

import re

from index.bench import _bench_report


def test_the_report_line_says_cpu_time_and_load(retriever, tmp_path, capsys):
    _bench_report(retriever, ["テレワークを推進する施策は？", "河川の水位を監視する施策"], tmp_path, n=4)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert re.fullmatch(r"report 4 questions     : +\d+ q/s  \(\d+\.\d\d s; jsonl; CPU \d+\.\d\d s, load [\d.?]+\)",
                        lines[0])
    assert "; xlsx+csv+html+jsonl; CPU " in lines[1]
