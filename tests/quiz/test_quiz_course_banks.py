"""The course's own banks (lessons/quiz): they load cleanly, in both languages, with working links."""
from app.lessons.paths import LESSONS_DIR, QUIZ_DIR
from app.quiz.bank import load_banks
from app.quiz.check import check_banks
from app.quiz.model import LANGS


def test_course_banks_load_without_problems_and_link_to_real_steps():
    assert check_banks(LESSONS_DIR) == []


def test_every_bank_question_has_all_fields_in_both_languages():
    banks, _ = load_banks(QUIZ_DIR)
    questions = [q for b in banks for q in b.questions]
    assert len(questions) >= 120
    assert {q.type for q in questions} == {"single", "multiple", "truefalse", "order", "match", "hotspot"}
    for q in questions:
        texts = [q.prompt, q.explain, *q.choices, *q.items, *(p.left for p in q.pairs), *(p.right for p in q.pairs)]
        for t in texts:
            for lang in LANGS:
                assert t.get(lang).strip(), (q.id, lang)
        assert q.topic and q.difficulty and q.domain and q.show_me_target
