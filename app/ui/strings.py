"""Every user-visible string of the window, in Chinese (the source language) and English.

``get(key, lang)`` returns the text; a missing key raises KeyError (a test walks every key, so a
typo fails loudly instead of showing a raw key to a class). Lesson text comes from the lesson files.
"""
from __future__ import annotations

LANGS = ("zh", "en")
LANG_NAMES = {"zh": "中文", "en": "English"}

S: dict[str, tuple[str, str]] = {
    # product
    "app.name": ("容器课堂", "Container Classroom"),
    "app.tagline": ("看着真实的模拟运行，学会 Docker 与 Kubernetes",
                    "Learn Docker and Kubernetes by watching a real simulation move"),
    "about.title": ("关于容器课堂", "About Container Classroom"),
    "about.body": ("<h2>容器课堂 · Container Classroom</h2><p>{tagline}</p>"
                   "<p>版本 {version}。每一幅画面下面都是一个确定性的模拟引擎：同样的种子，同样的故事。</p>"
                   "<p>课程改编自一篇介绍 Docker 与 Kubernetes 起源和架构的中文文章，并标注了今天已经改变的地方。</p>",
                   "<h2>Container Classroom · 容器课堂</h2><p>{tagline}</p>"
                   "<p>Version {version}. Under every picture runs a deterministic simulation engine: "
                   "the same seed tells the same story.</p>"
                   "<p>The course follows a Chinese article on the origins and architecture of Docker and "
                   "Kubernetes, and marks what has changed since.</p>"),
    # menus
    "menu.file": ("文件(&F)", "&File"),
    "menu.view": ("视图(&V)", "&View"),
    "menu.lesson": ("课程(&L)", "&Lesson"),
    "menu.play": ("播放(&P)", "&Playback"),
    "menu.quiz": ("测验(&Q)", "&Quiz"),
    "menu.language": ("语言 / Language", "Language / 语言"),
    "menu.help": ("帮助(&H)", "&Help"),
    "act.open_session": ("打开会话…", "Open Session…"),
    "act.save_session": ("保存会话…", "Save Session…"),
    "act.export_png": ("导出场景为 PNG…", "Export Scene as PNG…"),
    "act.export_svg": ("导出场景为 SVG…", "Export Scene as SVG…"),
    "act.export_handout": ("导出本章讲义（PDF）…", "Export Chapter Handout (PDF)…"),
    "act.sandbox": ("新建沙盒", "New Sandbox"),
    "act.quit": ("退出", "Quit"),
    "act.presenter": ("演示模式（投影）", "Presenter Mode (Projector)"),
    "act.fullscreen": ("全屏", "Full Screen"),
    "act.leave_fullscreen": ("退出全屏", "Leave Full Screen"),
    "act.blank_black": ("黑屏", "Blank Stage (Black)"),
    "act.blank_white": ("白屏", "Blank Stage (White)"),
    "act.zoom_in": ("放大", "Zoom In"),
    "act.zoom_out": ("缩小", "Zoom Out"),
    "act.zoom_fit": ("适合窗口", "Fit to Stage"),
    "act.console": ("控制台", "Console"),
    "act.details": ("详情", "Details"),
    "act.navigator": ("课程目录", "Lessons"),
    "act.animations": ("动画", "Animations"),
    "act.play": ("播放", "Play"),
    "act.pause": ("暂停", "Pause"),
    "act.play_pause": ("播放 / 暂停", "Play / Pause"),
    "act.next": ("下一步", "Next Step"),
    "act.prev": ("上一步", "Previous Step"),
    "act.first": ("第一步", "First Step"),
    "act.last": ("最后一步", "Last Step"),
    "act.reset": ("重置本步", "Reset Step"),
    "act.restart_chapter": ("重新开始本章", "Restart Chapter"),
    "act.faster": ("加速", "Faster"),
    "act.slower": ("减速", "Slower"),
    "act.quiz_open": ("打开测验…", "Open Quiz…"),
    "act.shortcuts": ("快捷键…", "Keyboard Shortcuts…"),
    "act.about": ("关于容器课堂…", "About Container Classroom…"),
    "act.next_chapter": ("下一章", "Next Chapter"),
    "act.prev_chapter": ("上一章", "Previous Chapter"),
    # transport and navigator
    "nav.position": ("第 {c}/{C} 章 · 第 {n}/{N} 步", "Chapter {c}/{C} · Step {n}/{N}"),
    "nav.sandbox": ("沙盒 · 自由练习", "Sandbox · free play"),
    "nav.no_lessons": ("没有可用的课程。", "No lessons available."),
    "nav.chapter": ("第 {c}/{C} 章", "Chapter {c}/{C}"),
    "stage.preparing": ("正在准备课程……", "Preparing the lesson…"),
    "stage.start_failed": ("模拟引擎没有启动：{error}", "The simulation engine did not start: {error}"),
    "narr.preparing": ("模拟引擎正在启动，马上就好。", "The simulation engine is starting; the lesson is ready in a moment."),
    "transport.speed": ("速度", "Speed"),
    "transport.prev": ("上一步", "Back"),
    "transport.next": ("下一步", "Next"),
    "transport.reset": ("重置", "Reset"),
    "transport.time": ("时间 {t}", "Time {t}"),
    "transport.timeline": ("时间轴：拖动可回到过去", "Timeline: drag to go back in time"),
    "a11y.stage": ("舞台：当前场景", "Stage: the current scene"),
    "a11y.narration": ("讲解", "Narration"),
    # narration
    "narr.note": ("注：", "Note:"),
    "narr.try": ("动手试试", "Try it"),
    "narr.try_done": ("做到了！", "Well done!"),
    "narr.try_not_yet": ("还没有做到：{reason}", "Not yet: {reason}"),
    "narr.hint": ("提示 {n}", "Hint {n}"),
    "narr.show_solution": ("显示答案", "Show solution"),
    "narr.expect_ok": ("本步演示的事情已经发生。", "What this step shows has happened."),
    "narr.expect_wait": ("正在播放……", "Playing…"),
    # console dock
    "console.title": ("控制台", "Console"),
    "console.placeholder": ("输入命令，例如 docker images、kubectl get pods、sim help",
                            "Type a command, e.g. docker images, kubectl get pods, sim help"),
    "details.title": ("详情", "Details"),
    "details.empty": ("点击场景中的东西，这里会解释它。", "Click something on the stage to see it explained here."),
    # dialogs and messages
    "shortcuts.title": ("快捷键", "Keyboard Shortcuts"),
    "shortcuts.key": ("按键", "Key"),
    "shortcuts.action": ("作用", "Action"),
    "msg.settings_corrupt": ("设置文件已损坏，已使用默认设置启动。", "The settings file was damaged; started with defaults."),
    "msg.lesson_errors": ("有 {n} 个课程文件有问题（其他课程照常加载）：", "{n} lesson file(s) have problems (the others loaded):"),
    "msg.lesson_errors_title": ("课程文件有问题", "Problems in lesson files"),
    "msg.session_saved": ("会话已保存：{path}", "Session saved: {path}"),
    "msg.session_open_failed": ("无法打开会话文件：{reason}", "Cannot open the session file: {reason}"),
    "msg.session_save_failed": ("无法保存会话文件：{reason}", "Cannot save the session file: {reason}"),
    "msg.exported": ("已导出：{path}", "Exported: {path}"),
    "msg.export_failed": ("导出失败：{reason}", "Export failed: {reason}"),
    "msg.feature_missing": ("这个功能还没有安装：{what}", "This feature is not installed yet: {what}"),
    "msg.unknown_lesson": ("没有找到课程 {id}", "No lesson with id {id}"),
    "msg.scene_errors": ("有场景模块加载失败，已用简单场景代替：{names}", "Some scene modules failed to load; showing the plain scene instead: {names}"),
    "msg.step_failed": ("本步的命令出错：{error}", "A command of this step failed: {error}"),
    "msg.presenter_on": ("演示模式：开", "Presenter mode: on"),
    "msg.presenter_off": ("演示模式：关", "Presenter mode: off"),
    "file.session_filter": ("容器课堂会话 (*.ccsession.json *.json)", "Container Classroom session (*.ccsession.json *.json)"),
    "file.png_filter": ("PNG 图片 (*.png)", "PNG image (*.png)"),
    "file.svg_filter": ("SVG 图片 (*.svg)", "SVG image (*.svg)"),
    "file.pdf_filter": ("PDF 文档 (*.pdf)", "PDF document (*.pdf)"),
    "msg.handout_none": ("请先打开一章课程，再导出它的讲义。", "Open a chapter first, then export its handout."),
    # plain scene
    "plain.header": ("场景：{scene}", "Scene: {scene}"),
    "plain.clock": ("模拟时间 {time:.1f} 秒 · 共 {count} 个事件", "Simulated time {time:.1f} s · {count} events"),
    "plain.no_events": ("还没有事件。", "No events yet."),
    "plain.chip_details": ("<b>{id}</b>：本步要你注意的部分。", "<b>{id}</b>: a part this step points at."),
    "sandbox.title": ("沙盒", "Sandbox"),
    "sandbox.body": ("自由练习：在控制台里输入命令，看场景如何变化。", "Free play: type commands in the console and watch the stage."),
}


def get(key: str, lang: str) -> str:
    zh, en = S[key]
    return zh if lang == "zh" else en


def other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"
