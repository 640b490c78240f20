"""Records: the learner's name, attempts, review cards, atomic saves that survive a kill, CSV export."""
import csv
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.quiz.export import HEADER, export_csv, merge_csv, read_csv
from app.quiz.records import AnswerRecord, Attempt, QuizRecords

ROOT = Path(__file__).resolve().parents[2]


def _attempt(n, student_answer="B: the API server", correct=True):
    a = Attempt(id=f"a{n}", mode="practice", started=1_700_000_000.0 + n, finished=1_700_000_100.0 + n)
    a.answers.append(AnswerRecord("s-single", "architecture", "Kubernetes Fundamentals", "single", 1,
                                  student_answer, correct, 1.0 if correct else 0.0, 4.25, 1_700_000_050.0))
    return a


def test_roundtrip_name_attempts_cards(tmp_path):
    path = tmp_path / "r.json"
    rec = QuizRecords.open(path)
    assert rec.learner == "" and rec.attempts == []
    rec.set_learner("  李 小龙 ")
    rec.add_attempt(_attempt(1, correct=False))
    again = QuizRecords.open(path)
    assert again.learner == "李 小龙"
    assert again.attempts[0].answers[0].answer_text == "B: the API server"
    assert "s-single" in again.cards and again.cards["s-single"].state == "new"
    card = again.record_review("s-single", 3, 1_700_000_060.0)
    assert QuizRecords.open(path).cards["s-single"] == card
    with pytest.raises(ValueError):
        again.set_learner("   ")


def test_damaged_file_is_kept_aside_not_overwritten(tmp_path):
    path = tmp_path / "r.json"
    path.write_text("{ not json", encoding="utf-8")
    rec = QuizRecords.open(path)
    assert "could not be read" in rec.recovered_from
    assert (tmp_path / "r.json.damaged-1").read_text(encoding="utf-8") == "{ not json"
    rec.set_learner("Ann")
    assert json.loads(path.read_text(encoding="utf-8"))["learner"] == "Ann"


def test_failed_save_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "r.json"
    rec = QuizRecords.open(path)
    rec.set_learner("Ann")
    before = path.read_bytes()

    def boom(*_a):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        rec.add_attempt(_attempt(1))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # the temporary file was removed


CHILD = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {root!r})
    from app.quiz.records import QuizRecords, Attempt, AnswerRecord
    rec = QuizRecords.open({path!r})
    real_fsync = os.fsync
    def slow_fsync(fd):
        real_fsync(fd)
        if os.environ.get("STALL") and len(rec.attempts) > 3:
            print("stalled", flush=True)   # inside the save: the data is written, not yet renamed
            time.sleep(60)
    os.fsync = slow_fsync
    n = 0
    while True:
        n += 1
        a = Attempt(id=f"a{{n}}", mode="exam", started=float(n))
        a.answers = [AnswerRecord(f"q{{i}}", "t", "d", "single", i, "x" * 200, True, 1.0, 1.0, 1.0) for i in range(300)]
        rec.add_attempt(a)
        print("saved", n, flush=True)
""")


@pytest.mark.parametrize("stall", [True, False])
def test_kill_during_save_loses_nothing_saved(tmp_path, stall):
    path = tmp_path / "r.json"
    env = dict(os.environ, STALL="1" if stall else "")
    proc = subprocess.Popen([sys.executable, "-c", CHILD.format(root=str(ROOT), path=str(path))],
                            stdout=subprocess.PIPE, text=True, env=env)
    saved = 0
    try:
        for line in proc.stdout:
            if line.startswith("saved"):
                saved = int(line.split()[1])
            if line.startswith("stalled") or (not stall and saved >= 6):
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        proc.stdout.close()
    assert saved >= 3
    rec = QuizRecords.open(path)
    assert rec.recovered_from == ""
    ids = [a.id for a in rec.attempts]
    assert ids[:saved] == [f"a{i}" for i in range(1, saved + 1)]
    assert all(len(a.answers) == 300 for a in rec.attempts)


def test_csv_export_opens_like_a_spreadsheet(tmp_path):
    rec = QuizRecords(tmp_path / "r.json")
    rec.learner = "王, \"小明\""
    rec.add_attempt(_attempt(1, student_answer="A: 节点 node-1,\n第二行", correct=False))
    rec.add_attempt(_attempt(2, student_answer="=SUM(A1)"))
    out = tmp_path / "class.csv"
    assert export_csv(rec, out) == 2
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with open(out, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0] == HEADER
    assert table[1][0] == "王, \"小明\"" and table[1][7] == "A: 节点 node-1,\n第二行"
    assert table[1][8] == "no" and table[1][9] in ("4.2", "4.3")
    assert table[2][7] == "'=SUM(A1)" and table[2][10] == "1"
    other = tmp_path / "b.csv"
    rec.learner = "Bob"
    export_csv(rec, other)
    merged = tmp_path / "all.csv"
    assert merge_csv([out, other], merged) == 4
    rows = read_csv(merged)
    assert [r["student"] for r in rows] == ["王, \"小明\"", "王, \"小明\"", "Bob", "Bob"]
