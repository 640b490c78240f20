"""The quiz inside the real main window: the Quiz menu's entry, language, and "Show me" on the stage."""
from pathlib import Path

from app.lessons.loader import load_all
from app.lessons.paths import CHAPTERS_DIR
from app.lessons.progress import ProgressStore
from app.quiz.generators import GENERATORS
from app.sim.world import World
from app.ui.quiz import open_quiz


def test_open_quiz_follows_the_window_and_show_me_replays_on_the_stage(qtbot, home: Path):
    from app.ui.main_window import MainWindow, StartOptions
    from app.ui.settings import Preferences

    window = MainWindow(load_all(CHAPTERS_DIR), Preferences(home), ProgressStore(home / "progress.json"),
                        StartOptions(lang="en", animations=False), world_factory=World)
    qtbot.addWidget(window)
    window.show()
    quiz = open_quiz(window)
    assert quiz is open_quiz(window)  # one quiz window per main window
    assert quiz.lang == "en" and quiz.records.path == home / "quiz-records.json"
    # "Show me" on a generated question: the scenario runs on the stage, with its seed
    q = GENERATORS["scheduler-pick"].generate(5, "easy")
    quiz.show_me(q)
    world = window.controller.world
    assert world.sim.seed == 5
    assert any(p["metadata"]["name"] == "web" for p in world.k8s.pods("default"))
    assert window._scene_id == "cluster"
    # "Show me" on a bank question opens its lesson step
    bank_q = next(q for b in quiz.catalog.banks for q in b.questions if q.show_me_target)
    quiz.show_me(bank_q)
    lesson, step = bank_q.show_me_target
    assert window.player.lesson.id == lesson and window.player.step.id == step
    # the main window's language reaches the quiz window
    window.set_language("zh")
    quiz.activateWindow()
    open_quiz(window)
    assert quiz.lang == "zh" and "测验" in quiz.windowTitle()
