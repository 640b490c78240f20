"""The rich-text subset, the line finders, the scene catalog and progress files."""
from __future__ import annotations

from pathlib import Path

from app.lessons.catalog import is_known_highlight
from app.lessons.problems import Problem, item_line, key_line, table_line, top_key_line
from app.lessons.progress import Progress, ProgressStore
from app.lessons.richtext import lesson_links, to_html, to_plain


def test_markup_subset_is_rendered() -> None:
    html = to_html("**PaaS** is *light*, run `a<b>`\n- one\n- two\n\nSee [it](lesson:origins#lxc).")
    assert "<b>PaaS</b>" in html and "<i>light</i>" in html and "<code>a&lt;b&gt;</code>" in html
    assert "<ul><li>one</li><li>two</li></ul>" in html
    assert '<a href="lesson:origins#lxc">it</a>' in html
    assert lesson_links("[x](lesson:a#b) [y](lesson:c)") == [("a", "b"), ("c", None)]
    assert to_plain("**a** `b` [c](lesson:d)") == "a b c"


def test_nothing_else_is_interpreted() -> None:
    html = to_html('<img src="http://evil/x.png"> <script>x</script> [web](https://example.com) ![i](file:///etc/passwd)')
    assert "<img" not in html and "<script" not in html and "<a " not in html
    assert "&lt;img" in html and "(https://example.com)" in html


def test_line_finders() -> None:
    text = 'a = 1\nb.x = 2\n[[steps]]\nid = "s1"\ncaption = 3\n[[steps]]\nid = "s2"\nnarration = """\ncaption = no\n"""\ncaption = 4\n'
    assert table_line(text, "steps", 1) == 6 and table_line(text, "steps", 5) == 0
    assert item_line(text, "steps", 0, "caption") == 5
    assert item_line(text, "steps", 1, "caption") == 11   # not the line inside the string
    assert top_key_line(text, "b") == 2 and key_line(text, "zzz", 3) == 3
    assert str(Problem("f.toml", 3, "bad")) == "f.toml:3: bad"


def test_highlight_catalog_patterns() -> None:
    assert is_known_highlight("house", "layer:3") and not is_known_highlight("house", "layer:x")
    assert is_known_highlight("cluster", "pod:web-1") and not is_known_highlight("cluster", "apiserver")


def test_progress_saves_atomically_and_survives_damage(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.json")
    progress = Progress()
    assert progress.mark_done("alpha", "start") and not progress.mark_done("alpha", "start")
    progress.last_lesson, progress.last_step = "alpha", 2
    store.save(progress)
    assert [p.name for p in tmp_path.iterdir()] == ["progress.json"]   # no temporary file left
    again = store.load()
    assert again.is_done("alpha", "start") and again.last_step == 2 and again.load_error is None
    again.restart("alpha")
    assert not again.is_done("alpha", "start") and again.last_step == 0
    (tmp_path / "progress.json").write_text("{not json", encoding="utf-8")
    damaged = store.load()
    assert damaged.done == {} and damaged.load_error and (tmp_path / "progress.json.bad").exists()
