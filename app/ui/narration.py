"""The narration panel: where we are, the step's caption, its narration and note, the try-it box
and whether what the step shows has happened. Lesson rich text goes through the safe subset
renderer; the browser below also refuses any resource outside lessons/ and assets/."""
from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFrame, QLabel, QPushButton, QSizePolicy, QTextBrowser, QVBoxLayout,
                               QWidget)

from app.lessons.paths import ASSETS_DIR, LESSONS_DIR
from app.lessons.richtext import to_html
from app.ui import strings
from app.ui.theme import ColorProfile

if TYPE_CHECKING:   # annotations only: each Qt class costs start-up time the first time it is touched
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

ALLOWED_ROOTS = (LESSONS_DIR.resolve(), ASSETS_DIR.resolve())


def allowed_resource(url: QUrl) -> bool:
    """Only local files below lessons/ or assets/; never the network."""
    if not url.isLocalFile():
        return False
    path = Path(url.toLocalFile()).resolve()
    return any(path == root or root in path.parents for root in ALLOWED_ROOTS)


class SafeTextBrowser(QTextBrowser):
    """A QTextBrowser that opens no links itself and loads nothing outside lessons/ and assets/."""

    lesson_link = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.anchorClicked.connect(self._on_anchor)
        self.refused: list[str] = []

    def loadResource(self, kind: int, url: QUrl) -> Any:  # noqa: N802 (Qt name)
        if not allowed_resource(url):
            self.refused.append(url.toString())
            return None
        return super().loadResource(kind, url)

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "lesson":
            self.lesson_link.emit(url.toString()[len("lesson:"):])


class NarrationPanel(QWidget):
    """Reads everything from the LessonPlayer it is given; refreshed by the window."""

    lesson_link = Signal(str)
    show_solution = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("narration")
        self.lang = "zh"
        self.position = QLabel(objectName="position")
        self.title = QLabel(objectName="lessonTitle")
        self.caption = QLabel(objectName="caption")
        self.body = SafeTextBrowser(self)
        self.body.setObjectName("narrationBody")
        self.status = QLabel(objectName="status")
        self.solution_button = QPushButton(objectName="solutionButton")
        self.solution_button.clicked.connect(self.show_solution)
        self.solution_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for label in (self.position, self.title, self.caption, self.status):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
            label.linkActivated.connect(lambda href: self._link(href))
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.body.lesson_link.connect(self.lesson_link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        for w in (self.position, self.title, self.caption):
            layout.addWidget(w)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.solution_button)
        self.solution_button.hide()

    def _link(self, href: str) -> None:
        if href.startswith("lesson:"):
            self.lesson_link.emit(href[len("lesson:"):])

    def fits(self) -> bool:
        """True when every text shows in full at the current size (no scroll bar, no cut label)."""
        self.layout().activate()
        for label in (self.position, self.title, self.caption, self.status):
            if label.isVisibleTo(self) and label.heightForWidth(label.width()) > label.height() + 1:
                return False
        doc = self.body.document()
        doc.setTextWidth(self.body.viewport().width())
        return doc.size().height() <= self.body.viewport().height() + 1

    def show_sandbox(self, lang: str) -> None:
        self.lang = lang
        self.position.setText(html.escape(strings.get("nav.sandbox", lang)))
        self.title.setText(html.escape(strings.get("sandbox.title", lang)))
        self.caption.setText(html.escape(strings.get("sandbox.body", lang)))
        self.body.setHtml("")
        self.status.setText("")
        self.solution_button.hide()

    def show_preparing(self, position: str, title: str, summary: str, lang: str) -> None:
        """While the engine starts: where the lesson will open, its title and summary."""
        self.lang = lang
        self.position.setText(html.escape(position))
        self.title.setText(html.escape(title))
        self.caption.setText(html.escape(summary))
        self.body.setHtml(f"<p>{html.escape(strings.get('narr.preparing', lang))}</p>")
        self.status.setProperty("role", "muted")
        self.status.setText(html.escape(strings.get("stage.preparing", lang)))
        self.solution_button.hide()

    def show_step(self, player: Any, chapter_pos: tuple[int, int], lang: str, profile: ColorProfile,
                  solution_visible: bool = False) -> None:
        """Fill the panel from the player's current step."""
        self.lang = lang
        step, lesson = player.step, player.lesson
        if step is None or lesson is None:
            self.show_sandbox(lang)
            return
        c, total = chapter_pos
        self.position.setText(html.escape(strings.get("nav.position", lang).format(
            c=c, C=total, n=player.index + 1, N=player.count)))
        self.title.setText(html.escape(lesson.title.get(lang)))
        self.caption.setText(_inline(step.caption.get(lang)))
        parts = []
        if step.narration:
            parts.append(to_html(step.narration.get(lang)))
        if step.note:
            label = f'<b>{html.escape(strings.get("narr.note", lang))}</b> '
            note = to_html(step.note.get(lang))
            parts.append(note.replace("<p>", f"<p>{label}", 1) if note.startswith("<p>") else f"<p>{label}</p>{note}")
        if step.try_it is not None:
            parts.append(f'<h3>{html.escape(strings.get("narr.try", lang))}</h3>' + to_html(step.try_it.task.get(lang)))
            for i, hint in enumerate(step.try_it.hints[:player.hints_shown()]):
                parts.append(f'<p><i>{html.escape(strings.get("narr.hint", lang).format(n=i + 1))}:</i></p>'
                             + to_html(hint.get(lang)))
            if solution_visible and step.try_it.solution:
                code = "<br>".join(html.escape(line) for line in step.try_it.solution)
                parts.append(f"<p><code>{code}</code></p>")
        doc_css = (f"a {{ color: {profile.accent}; }} code {{ font-family: 'Noto Sans Mono CJK SC', monospace; }}"
                   f" h3 {{ margin-top: 12px; }}")
        self.body.document().setDefaultStyleSheet(doc_css)
        self.body.setHtml("".join(parts))
        self._show_status(player, lang, profile)
        has_try = step.try_it is not None and bool(step.try_it.solution) and not player.try_done
        self.solution_button.setVisible(has_try and player.try_attempts > 0 and not solution_visible)
        self.solution_button.setText(strings.get("narr.show_solution", lang))

    def _show_status(self, player: Any, lang: str, profile: ColorProfile) -> None:
        step = player.step
        if player.status == "playing":
            text, role, mark = strings.get("narr.expect_wait", lang), "muted", "…"
        elif player.status == "met":
            key = "narr.try_done" if step is not None and step.try_it is not None else "narr.expect_ok"
            text, role, mark = strings.get(key, lang), "ok", "✔"
        elif player.status == "failed":
            reason = player.failures[0] if player.failures else (player.last_error or "")
            if step is not None and step.try_it is not None:
                text = strings.get("narr.try_not_yet", lang).format(reason=reason)
            else:
                text = reason
            text, role, mark = text, "error", "✘"
        else:
            text, role, mark = "", "muted", ""
        if player.last_error and player.status != "failed":
            text = strings.get("msg.step_failed", lang).format(error=player.last_error)
            role, mark = "error", "✘"
        self.status.setProperty("role", role)
        self.status.setText(f'<span style="color:{getattr(profile, role)}">{mark} {html.escape(text)}</span>' if text else "")


def _inline(text: str) -> str:
    """Caption markup: the subset, without the paragraph wrapper (QLabel rich text)."""
    out = to_html(text)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def document_plain_text(browser: QTextBrowser) -> str:
    doc: QTextDocument = browser.document()
    return doc.toPlainText()
