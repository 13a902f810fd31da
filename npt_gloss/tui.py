"""The live lookup (``npt-gloss interactive``): results that follow the keyboard.

A search box on top; under it the matches of what is typed (both languages, every match kind,
as ``lookup`` ranks them) and a detail pane for the highlighted one. Keys: ↑/↓ (or a click)
choose a result, Ctrl+Y copies its rendering in the other language, Ctrl+F shows the
paragraphs that mention it, Enter keeps the query in the history, Esc, Ctrl+D or Ctrl+C
quits. Earlier queries are offered as completions; the history lives in the user data
folder. SIGTERM and SIGHUP end it as a key does, so the terminal is restored whichever way
it ends.

Each keystroke must redraw within 50 ms on a 100,000-concept glossary, so the screen does as
little as it can per keystroke: the results are one fixed-size widget drawing its visible rows
a strip each (no wrapping, no re-layout), and the detail pane follows once typing pauses
(``DETAIL_DELAY``), not on every keystroke.

Built on Textual, which only this command imports (it is the ``tui`` extra).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Click
from textual.message import Message
from textual.strip import Strip
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from npt_gloss.index import Index
from npt_gloss.match import GOOD_ENOUGH, Match, lookup
from npt_gloss.normalize import has_cjk
from npt_gloss.render import STYLES, Line, rich_text, safe

RESULTS = 15  # matches listed per query (a screenful; more only slows each keystroke)
EXIT_INTERRUPTED = 130  # Ctrl+C, as the contract has it for every command
HISTORY_FILE = "history.txt"
HISTORY_KEPT = 500
DETAIL_DELAY = 0.06  # seconds of no typing before the detail pane follows the results


def load_history(folder: Path) -> list[str]:
    """Earlier queries, oldest first; nothing when there is no history (or it is unreadable)."""
    try:
        text = (folder / HISTORY_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [line for line in text.split("\n") if line.strip()]


def remember(folder: Path, history: list[str], query: str) -> list[str]:
    """``history`` with ``query`` moved to its end, written back (best effort: a read-only
    folder costs only the history)."""
    query = " ".join(query.split())
    if not query:
        return history
    kept = [*[q for q in history if q != query][-(HISTORY_KEPT - 1) :], query]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / HISTORY_FILE).write_text("\n".join(kept) + "\n", encoding="utf-8")
    except OSError:
        pass
    return kept


def rendering_to_copy(index: Index, match: Match, query: str) -> str:
    """The selected concept's term in the language the query is not in."""
    concept = index.concept(match.concept)
    return concept.en if has_cjk(query) else concept.zh


def as_text(lines: list[Line]) -> Text:
    """Styled view lines as one rich Text (data escaped, never read as markup)."""
    return Text("\n").join(rich_text(line) for line in lines)


class ResultList(Widget):
    """The matches, one line each, the highlighted one marked: a lighter stand-in for
    Textual's OptionList, which cost more per keystroke than the lookup itself (a wrapped
    render of every option). This draws the rows that fit, one
    strip each, no wrapping; its size is fixed by the layout, so new rows never re-lay the
    screen."""

    DEFAULT_CSS = """
    ResultList { overflow: hidden; }
    ResultList > .results--highlighted {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"results--highlighted"}

    class Chosen(Message):
        """A row was clicked: the app shows it as if the arrows had reached it."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels: list[Text] = []
        self.highlighted: int | None = None
        self._top = 0  # the first row drawn, so that the highlighted one is always in view
        self._strips: dict[tuple[int, bool, int], Strip] = {}  # rows drawn, for these labels
        self._styles: tuple[Style, Style] | None = None  # a row's style, plain and highlighted

    @property
    def option_count(self) -> int:
        return len(self.labels)

    def set_rows(self, labels: list[Text]) -> None:
        """Show ``labels``, the first one highlighted (none when there are none)."""
        self.labels = labels
        self._top = 0
        self._strips.clear()
        self.highlighted = 0 if labels else None
        self.refresh()

    def highlight(self, position: int) -> None:
        if position != self.highlighted and 0 <= position < len(self.labels):
            self.highlighted = position
            self.refresh()

    def render_line(self, y: int) -> Strip:
        """Row ``y`` of the list as drawn (Textual's line API): each row's strip is made once
        per set of results, so a move redraws two rows' worth of work, not the list."""
        width = max(1, self.size.width)
        if self.highlighted is not None:
            # Scroll only as far as keeps the highlighted row in view.
            height = max(1, self.size.height)
            self._top = min(self._top, self.highlighted)
            self._top = max(self._top, self.highlighted - height + 1)
        position = self._top + y
        if self._styles is None:  # looked up once: a widget's style walks its ancestors
            self._styles = (
                self.rich_style,
                self.rich_style + self.get_component_rich_style("results--highlighted"),
            )
        if position >= len(self.labels):
            position = -1  # a blank row
        marked = position == self.highlighted
        key = (position, marked, width)
        strip = self._strips.get(key)
        if strip is None:
            style = self._styles[marked]
            if position < 0:
                strip = Strip.blank(width, style)
            else:
                label = self.labels[position].copy()
                label.truncate(width, overflow="ellipsis")
                segments = Segment.apply_style(label.render(self.app.console), style)
                strip = Strip(segments).adjust_cell_length(width, style)
            self._strips[key] = strip
        return strip

    def visible_rows(self) -> list[str]:
        """The rows as the screen shows them, trailing blanks cut (for tests)."""
        return [
            self.render_line(y).text.rstrip()
            for y in range(min(self.size.height, self.option_count))
        ]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # a new theme: the rows' colours change
        self._styles = None

    def on_click(self, event: Click) -> None:
        position = self._top + event.y
        if 0 <= position < len(self.labels):
            self.highlight(position)
            self.post_message(self.Chosen(position))


class LookupApp(App[None]):
    """The live lookup over one loaded index."""

    TITLE = "npt-gloss"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #query { dock: top; }
    #results { width: 45%; height: 1fr; }
    #detail-box { width: 55%; height: 1fr; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[Any]] = [
        Binding("down", "move(1)", "Next", show=False, priority=True),
        Binding("up", "move(-1)", "Previous", show=False, priority=True),
        Binding("ctrl+y", "copy", "Copy rendering", priority=True),
        Binding("ctrl+f", "paragraphs", "Paragraphs", priority=True),
        Binding("escape", "quit", "Quit", priority=True),
        Binding("ctrl+d", "quit", "Quit", show=False, priority=True),
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        index: Index,
        history_folder: Path,
        copy: Callable[[str], str],
        *,
        handle_signals: bool = False,
    ) -> None:
        super().__init__()
        self.handle_signals = handle_signals
        self.index = index
        self.history_folder = history_folder
        self.history = load_history(history_folder)
        self.copy = copy
        self.matches: list[Match] = []
        self.query_text = ""
        self._pending: str | None = None  # the latest text typed, not yet searched
        self._shown: tuple[tuple[Match, ...], str] = ((), "")  # what the screen shows
        self._detail_for: Match | None = None  # the match the detail pane shows
        self._detail_timer: Timer | None = None  # the detail pane's catching up, if due
        self.detail_delay = DETAIL_DELAY

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="a term in English, Chinese or pinyin …",
            id="query",
            suggester=SuggestFromList(list(reversed(self.history)), case_sensitive=False),
        )
        with Horizontal():
            yield ResultList(id="results")
            with VerticalScroll(id="detail-box"):
                yield Static(id="detail")
        yield Footer()

    def on_load(self) -> None:
        if self.handle_signals:
            self._end_on_signals()

    def _end_on_signals(self) -> None:
        """SIGTERM and SIGHUP end the app through its own exit, which takes the terminal out
        of raw mode and off the alternate screen (their default would kill the process and
        leave the terminal unusable). Installed before the terminal is switched over, on
        the event loop, so the exit runs between messages and never inside one."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(number, self.exit, None, 128 + number)

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()

    def action_interrupt(self) -> None:
        self.exit(return_code=EXIT_INTERRUPTED)

    # ------------------------------------------------------------ typing

    def on_input_changed(self, event: Input.Changed) -> None:
        # Keystrokes that come faster than results are drawn (a paste, a fast typist) are
        # searched once, for the latest text: the search runs when the queue is empty.
        if self._pending is None:
            self.call_later(self._search_pending)
        self._pending = event.value

    def _search_pending(self) -> None:
        text, self._pending = self._pending, None
        if text is not None:
            self.search(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.history = remember(self.history_folder, self.history, event.value)

    def search(self, text: str) -> None:
        """Fill the result list for ``text`` and show the best match."""
        self.query_text = text
        found = lookup(self.index, text, RESULTS) if text.strip() else []
        matches = [m for m in found if m.score >= GOOD_ENOUGH]
        message = "" if matches or not text.strip() else "nothing found"
        if (tuple(matches), message) == self._shown:
            return  # the screen already shows these results: nothing to redraw
        self._shown = (tuple(matches), message)
        self.matches = matches
        self.query_one("#results", ResultList).set_rows([self._label(m) for m in matches])
        # The details of the best match wait until the typing pauses: drawn on every
        # keystroke they cost as much again as the results, and are replaced at once.
        self._cancel_detail()
        self._detail_timer = self.set_timer(self.detail_delay, self._detail_catches_up)

    def _cancel_detail(self) -> None:
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self._detail_timer = None

    def _detail_catches_up(self) -> None:
        self._detail_timer = None
        if self.matches:
            self.show(self.query_one("#results", ResultList).highlighted or 0)
        else:
            self._detail_for = None
            message = self._shown[1]
            self.query_one("#detail", Static).update(Text(message, style="dim"))

    def _label(self, match: Match) -> Text:
        concept = self.index.concept(match.concept)
        label = Text()
        label.append(safe(concept.en), style=STYLES["en"])
        label.append("  ")
        label.append(safe(concept.zh), style=STYLES["zh"])
        label.append(f"  {match.how} {match.score:g}", style=STYLES["dim"])
        return label

    # ------------------------------------------------------------ the selection

    def on_result_list_chosen(self, event: ResultList.Chosen) -> None:
        self._cancel_detail()
        self.show(event.position)

    def show(self, position: int) -> None:
        from npt_gloss.views import lookup_lines

        if 0 <= position < len(self.matches) and self.matches[position] != self._detail_for:
            self._detail_for = self.matches[position]
            lines = lookup_lines(self.index, [self._detail_for])
            self.query_one("#detail", Static).update(as_text(lines))

    def selected(self) -> Match | None:
        position = self.query_one("#results", ResultList).highlighted
        if position is None or not 0 <= position < len(self.matches):
            return None
        return self.matches[position]

    def action_move(self, step: int) -> None:
        results = self.query_one("#results", ResultList)
        if not self.matches:
            return
        current = results.highlighted if results.highlighted is not None else -step
        results.highlight(max(0, min(len(self.matches) - 1, current + step)))
        # A move is a choice, not typing: its details are shown at once.
        self._cancel_detail()
        self.show(results.highlighted or 0)

    def action_copy(self) -> None:
        from npt_gloss.errors import NptGlossError

        match = self.selected()
        if match is None:
            return
        rendering = rendering_to_copy(self.index, match, self.query_text)
        try:
            how = self.copy(rendering)
        except NptGlossError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.history = remember(self.history_folder, self.history, self.query_text)
        self.notify(f"{rendering}: {how}")

    def action_paragraphs(self) -> None:
        from npt_gloss.find import mentions_of
        from npt_gloss.views import find_lines

        match = self.selected()
        if match is None:
            return
        result = mentions_of(self.index, match.concept)
        self._cancel_detail()  # the paragraphs asked for are not to be replaced by details
        detail = self.query_one("#detail", Static)
        # The pane no longer shows the details: the next search or move redraws them.
        self._detail_for, self._shown = None, ((), "")
        if not result.hits and not result.possible:
            detail.update(Text(f"no paragraph mentions {result.query}", style="dim"))
            return
        detail.update(as_text(find_lines(self.index, result, context=40)))
