"""Every user-visible string of the quiz window, in Chinese (the source language) and English."""
from __future__ import annotations

S: dict[str, tuple[str, str]] = {
    "window.title": ("测验 · 容器课堂", "Quiz · Container Classroom"),
    # start page
    "start.heading": ("开始测验", "Start a quiz"),
    "start.name": ("你的名字", "Your name"),
    "start.name_hint": ("名字只问一次，会保存在本机的成绩记录里。", "Asked once; kept with your results on this computer."),
    "start.learner": ("学员：{name}", "Learner: {name}"),
    "start.change_name": ("改名…", "Change name…"),
    "start.chapter": ("章节", "Chapter"),
    "start.topic": ("主题", "Topic"),
    "start.difficulty": ("难度", "Difficulty"),
    "start.length": ("题数", "Questions"),
    "start.mode": ("模式", "Mode"),
    "start.generated": ("加入引擎现场出的题", "Include questions the engine makes"),
    "start.time_limit": ("考试时间（分钟）", "Exam time (minutes)"),
    "start.any": ("全部", "any"),
    "start.chapter_item": ("第 {n} 章 · {lesson}（{count} 题）", "Chapter {n} · {lesson} ({count} questions)"),
    "start.go": ("开始 (Enter)", "Start (Enter)"),
    "start.review_due": ("今天要复习 {n} 题", "{n} questions due for review today"),
    "start.none": ("没有符合条件的题目。", "No questions match these choices."),
    "start.need_name": ("请先填写名字。", "Please enter your name first."),
    "start.presenter": ("课堂投影 (P)", "Classroom display (P)"),
    "start.history": ("历史记录 (H)", "History (H)"),
    "start.recovered": ("原来的成绩文件无法读取，已另存：{detail}", "The old results file could not be read and was kept aside: {detail}"),
    "mode.practice": ("练习：每题后立即反馈，错题稍后再出现", "Practice: feedback after each, wrong ones come back"),
    "mode.exam": ("考试：限时，交卷后统一反馈", "Exam: timed, feedback at the end"),
    "mode.review": ("复习：间隔重复（SM-2）复习做错的题", "Review: spaced repetition (SM-2) of past mistakes"),
    # question page
    "q.progress": ("第 {n}/{N} 题", "Question {n} of {N}"),
    "q.meta": ("{type} · {topic} · {difficulty}", "{type} · {topic} · {difficulty}"),
    "q.generated": ("引擎出题 · 种子 {seed}", "made by the engine · seed {seed}"),
    "q.time_left": ("剩余 {t}", "{t} left"),
    "q.submit": ("提交 (Enter)", "Submit (Enter)"),
    "q.next": ("下一题 (Enter)", "Next (Enter)"),
    "q.finish": ("查看结果 (Enter)", "See results (Enter)"),
    "q.show_me": ("演示给我看 (S)", "Show me (S)"),
    "q.quit": ("结束 (Esc)", "End (Esc)"),
    "q.right": ("✔ 答对了", "✔ Right"),
    "q.wrong": ("✘ 答错了", "✘ Wrong"),
    "q.partly": ("部分正确（{pct}%）", "partly right ({pct}%)"),
    "q.answer_was": ("正确答案：{answer}", "Right answer: {answer}"),
    "q.your_answer": ("你的答案：{answer}", "Your answer: {answer}"),
    "q.recorded": ("已记录。交卷后统一公布答案。", "Recorded. Answers are shown at the end."),
    "q.will_repeat": ("这道题稍后会再出现。", "This question will come back later."),
    "q.engine_reasoning": ("引擎的推理", "The engine's reasoning"),
    "q.pick_first": ("请先作答。", "Answer first."),
    "q.rate": ("下次多久再复习？", "When should this come back?"),
    "rate.1": ("1 重来", "1 Again"),
    "rate.2": ("2 困难", "2 Hard"),
    "rate.3": ("3 良好", "3 Good"),
    "rate.4": ("4 简单", "4 Easy"),
    "q.next_due": ("下次复习：{when}", "Next review: {when}"),
    "q.times_up": ("时间到！", "Time is up!"),
    # widget hints
    "hint.single": ("按数字键或方向键选择。", "Press a number key or use the arrow keys."),
    "hint.multiple": ("按数字键勾选或取消（可多选）。", "Press number keys to tick or untick (several may be right)."),
    "hint.truefalse": ("按 T（对）或 F（错）。", "Press T (true) or F (false)."),
    "hint.order": ("↑↓ 选择一项，Ctrl+↑↓ 移动它。", "↑↓ pick an item, Ctrl+↑↓ move it."),
    "hint.match": ("Tab 换行，↑↓ 选择右侧的配对。", "Tab to move between rows, ↑↓ to choose the partner."),
    "hint.hotspot": ("点击图中的部件，或用方向键 ←→ 选择。", "Click the part, or choose it with the arrow keys ←→."),
    "tf.true": ("对", "True"),
    "tf.false": ("错", "False"),
    # results
    "r.heading": ("结果", "Results"),
    "r.total": ("得分 {score:g} / {possible}（{pct}%）· 用时 {time}", "Score {score:g} / {possible} ({pct}%) · time {time}"),
    "r.by_topic": ("按主题", "By topic"),
    "r.by_domain": ("按 KCNA 领域", "By KCNA domain"),
    "r.col_area": ("范围", "Area"),
    "r.col_right": ("答对", "Right"),
    "r.col_pct": ("得分率", "Score"),
    "r.wrong": ("要复习的错题（选中后按 S 演示）", "Wrong answers to review (select one, S shows it)"),
    "r.no_wrong": ("全部答对！", "All right!"),
    "r.history": ("历次测验", "History of attempts"),
    "r.col_when": ("时间", "When"),
    "r.col_mode": ("模式", "Mode"),
    "r.col_what": ("内容", "What"),
    "r.col_n": ("题数", "Questions"),
    "r.export": ("导出 CSV (E)…", "Export CSV (E)…"),
    "r.exported": ("已导出 {n} 行到 {path}", "Exported {n} rows to {path}"),
    "r.export_failed": ("导出失败：{error}", "Export failed: {error}"),
    "r.again": ("再来一次 (N)", "New quiz (N)"),
    "r.review_now": ("现在复习错题 (R)", "Review mistakes now (R)"),
    "r.chart": ("各主题得分率", "Score by topic"),
    "r.csv_filter": ("CSV 表格 (*.csv)", "CSV spreadsheet (*.csv)"),
    # presenter
    "p.heading": ("课堂投影", "Classroom display"),
    "p.keys": ("PageDown/空格：下一步 · PageUp：上一步 · Esc：退出",
               "PageDown/Space: next · PageUp: back · Esc: leave"),
    "p.countdown": ("{s} 秒", "{s} s"),
    "p.answer": ("答案", "Answer"),
    "p.done": ("本轮结束。按 Esc 返回。", "That was the last question. Press Esc to go back."),
}


def get(key: str, lang: str) -> str:
    zh, en = S[key]
    return zh if lang == "zh" else en


def fmt(key: str, lang: str, **values: object) -> str:
    return get(key, lang).format(**values)


def clock_text(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 60}:{seconds % 60:02d}"
