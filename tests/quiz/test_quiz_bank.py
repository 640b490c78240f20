"""Loading and validating quiz banks: every type, both languages, file+line problems."""
from pathlib import Path

from app.quiz.bank import load_bank, load_banks
from app.quiz.check import check_banks
from app.quiz.model import LANGS

FIX = Path(__file__).parent / "fixtures"


def test_good_bank_loads_all_six_types():
    banks, issues = load_banks(FIX / "good" / "quiz")
    assert issues == []
    (bank,) = banks
    assert bank.lesson == "sample" and bank.chapter == 1
    types = {q.type: q for q in bank.questions}
    assert set(types) == {"single", "multiple", "truefalse", "order", "match", "hotspot"}
    assert types["single"].answer == 1
    assert types["multiple"].answer == frozenset({0, 2})
    assert types["truefalse"].answer is False
    assert types["order"].answer == (0, 1, 2)
    assert types["match"].answer == (0, 1, 2)
    assert types["hotspot"].answer == "scheduler" and types["hotspot"].scene == "architecture"
    assert types["single"].show_me_target == ("sample", "intro")


def test_every_fixture_question_has_all_fields_in_both_languages():
    banks, _ = load_banks(FIX / "good" / "quiz")
    for q in banks[0].questions:
        for lang in LANGS:
            assert q.prompt.get(lang) and q.explain.get(lang)
            for t in (*q.choices, *q.items, *(p.left for p in q.pairs), *(p.right for p in q.pairs)):
                assert t.get(lang)


def test_broken_bank_names_lines_and_keeps_the_rest():
    bank, issues = load_bank(FIX / "broken" / "quiz" / "01-broken.toml")
    assert [q.id for q in bank.questions] == ["b-ok", "b-bad-link"]
    by_line = {i.line: i.message for i in issues}
    assert "no en text" in by_line[22]
    assert "choice index" in by_line[35]
    assert "already used" in by_line[39]


def test_toml_syntax_error_names_its_line_and_other_files_still_load():
    banks, issues = load_banks(FIX / "broken" / "quiz")
    assert [b.lesson for b in banks] == ["sample"]
    syntax = [i for i in issues if i.path.endswith("02-syntax.toml")]
    assert len(syntax) == 1 and syntax[0].line == 6 and "not valid TOML" in syntax[0].message


def test_check_banks_reports_bad_show_me_links_with_lines():
    problems = check_banks(FIX / "broken")
    texts = [str(p) for p in problems]
    assert any("01-broken.toml:56:" in t and "step 'nowhere'" in t for t in texts), texts
    assert any("02-syntax.toml:6:" in t for t in texts)
    assert check_banks(FIX / "good") == []
    assert check_banks(FIX / "good" / "quiz" / "01-sample.toml") == []


def test_unknown_lesson_and_unknown_key(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "01-a.toml").write_text('id = "a"\n[[steps]]\nid = "s"\n', encoding="utf-8")
    (tmp_path / "quiz").mkdir()
    (tmp_path / "quiz" / "01-a.toml").write_text(
        'format_version = 1\nlesson = "zzz"\n[[questions]]\nid = "q"\ntype = "truefalse"\ntopic = "t"\n'
        'difficulty = "easy"\ndomain = "Cloud Native Architecture"\nshow_me = "a#s"\nanswr = true\n'
        'prompt = { zh = "甲", en = "A" }\nexplain = { zh = "乙", en = "B" }\n', encoding="utf-8")
    texts = [str(p) for p in check_banks(tmp_path)]
    assert any(":1: lesson 'zzz' does not exist" in t for t in texts), texts
    assert any(":10: warning: unknown key 'answr'" in t for t in texts), texts
    assert any(":3: question q: answer must be true or false" in t for t in texts), texts
