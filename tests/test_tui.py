"""The live lookup, driven headless through Textual's pilot."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("textual", reason="the 'tui' extra (textual) is not installed")

from textual.widgets import Static

from npt_gloss.cli import cli
from npt_gloss.index import Index
from npt_gloss.tui import DETAIL_DELAY, LookupApp, ResultList, load_history, remember


def drive(index: Index, folder: Path, keys: list[str], copied: list[str]) -> dict:
    """Type ``keys`` into a headless app; what it showed and did."""

    def copy(text: str) -> str:
        copied.append(text)
        return "copied"

    async def go() -> dict:
        app = LookupApp(index, folder, copy)
        async with app.run_test(size=(120, 40)) as pilot:
            for key in keys:
                await pilot.press(key)
            await pilot.pause(DETAIL_DELAY * 3)  # typing has stopped: the details catch up
            await pilot.pause()
            results = app.query_one("#results", ResultList)
            return {
                "labels": [str(label) for label in results.labels],
                "highlighted": results.highlighted,
                "detail": str(app.query_one("#detail", Static).render()),
            }

    return asyncio.run(go())


def test_results_follow_the_typing(shipped_index: Index, tmp_path: Path) -> None:
    shown = drive(shipped_index, tmp_path, list("strategic stabilty"), [])
    assert shown["labels"][0].startswith("strategic stability  战略稳定性  fuzzy 91.5")
    assert "definition:" in shown["detail"] and "paras. 14, 15, 17, 20, 21" in shown["detail"]


def test_arrows_choose_and_ctrl_y_copies_the_other_language(
    shipped_index: Index, tmp_path: Path
) -> None:
    copied: list[str] = []
    shown = drive(shipped_index, tmp_path, [*"missile", "down", "ctrl+y"], copied)
    assert shown["highlighted"] == 1
    second = shown["labels"][1].split("  ")
    assert copied == [second[1]]  # the Chinese of the second result
    assert load_history(tmp_path) == ["missile"]


def test_ctrl_f_shows_the_paragraphs(shipped_index: Index, tmp_path: Path) -> None:
    shown = drive(shipped_index, tmp_path, [*"nuclear test", "ctrl+f"], [])
    assert "¶17" in shown["detail"] and "(within: CTBT)" in shown["detail"]


@pytest.mark.parametrize(
    ("query", "back"), [("missile", ["down", "up"]), ("nuclear test", ["space"])]
)
def test_after_the_paragraphs_a_move_or_a_key_brings_the_details_back(
    shipped_index: Index, tmp_path: Path, query: str, back: list[str]
) -> None:
    """The results are not redrawn when a keystroke leaves them as they are; the paragraphs
    shown with Ctrl+F still give way to the details (a trailing space finds the same)."""
    shown = drive(shipped_index, tmp_path, [*query, "ctrl+f", *back], [])
    assert shown["highlighted"] == 0
    assert "definition:" in shown["detail"] and "mention(s) in" not in shown["detail"]


def test_deleting_back_to_nothing_clears_the_results(shipped_index: Index, tmp_path: Path) -> None:
    shown = drive(shipped_index, tmp_path, [*"NPT", "backspace", "backspace", "backspace"], [])
    assert shown["labels"] == [] and shown["detail"] == ""


def test_enter_keeps_the_query_in_the_history(shipped_index: Index, tmp_path: Path) -> None:
    drive(shipped_index, tmp_path, [*"NPT", "enter"], [])
    drive(shipped_index, tmp_path, [*"CTBT", "enter"], [])
    assert load_history(tmp_path) == ["NPT", "CTBT"]


def test_nothing_found_is_said(shipped_index: Index, tmp_path: Path) -> None:
    shown = drive(shipped_index, tmp_path, list("zzqqxx"), [])
    assert shown["labels"] == [] and shown["detail"] == "nothing found"


def test_the_details_follow_once_typing_pauses(shipped_index: Index, tmp_path: Path) -> None:
    """Each keystroke redraws the results at once; the detail pane waits for a pause in the
    typing, and a keystroke within it puts the details off again. Only lower bounds of time
    are asserted (a timer never fires early; on a loaded machine it may fire late)."""

    async def go() -> None:
        app = LookupApp(shipped_index, tmp_path, lambda text: "copied")
        app.detail_delay = 1.0
        fired: list[float] = []
        catch_up = app._detail_catches_up

        def recording() -> None:
            fired.append(time.monotonic())
            catch_up()

        app._detail_catches_up = recording  # type: ignore[method-assign]
        async with app.run_test(size=(120, 40)) as pilot:
            detail = app.query_one("#detail", Static)
            results = app.query_one("#results", ResultList)
            app.search("missile")
            await pilot.pause()
            assert results.option_count > 1 and str(detail.render()) == ""
            typed_again = time.monotonic()
            app.search("nuclear test")  # typing again (other results): the details are put off
            first = str(results.labels[0])
            deadline = typed_again + 30
            while not fired and time.monotonic() < deadline:
                await pilot.pause(0.05)
            await pilot.pause()
            assert len(fired) == 1  # the first search's timer was cancelled
            assert fired[0] - typed_again >= app.detail_delay
            shown = str(detail.render())
            assert shown.startswith(first.split("  ")[0]) and "definition:" in shown

    asyncio.run(go())


def test_a_move_shows_its_details_at_once(shipped_index: Index, tmp_path: Path) -> None:
    async def go() -> None:
        app = LookupApp(shipped_index, tmp_path, lambda text: "copied")
        app.detail_delay = 30  # never, within this test: what shows came from the move
        async with app.run_test(size=(120, 40)) as pilot:
            app.search("missile")
            await pilot.press("down")
            await pilot.pause()
            second = str(app.query_one("#results", ResultList).labels[1]).split("  ")[0]
            assert str(app.query_one("#detail", Static).render()).startswith(second)

    asyncio.run(go())


def test_a_click_chooses_a_result(shipped_index: Index, tmp_path: Path) -> None:
    async def go() -> tuple[int | None, str, str]:
        app = LookupApp(shipped_index, tmp_path, lambda text: "copied")
        async with app.run_test(size=(120, 40)) as pilot:
            app.search("missile")
            await pilot.pause()
            await pilot.click("#results", offset=(2, 2))
            await pilot.pause()
            results = app.query_one("#results", ResultList)
            third = str(results.labels[2]).split("  ")[0]
            return results.highlighted, third, str(app.query_one("#detail", Static).render())

    highlighted, third, detail = asyncio.run(go())
    assert highlighted == 2 and detail.startswith(third)


def test_the_highlighted_result_stays_in_view_on_a_short_terminal(
    shipped_index: Index, tmp_path: Path
) -> None:
    """On a terminal too short for every result the list scrolls with the highlight."""

    async def go() -> tuple[list[str], list[str], int]:
        app = LookupApp(shipped_index, tmp_path, lambda text: "copied")
        async with app.run_test(size=(120, 10)) as pilot:
            app.search("missile")
            await pilot.pause()
            results = app.query_one("#results", ResultList)
            for _ in range(len(results.labels) - 1):
                await pilot.press("down")
            await pilot.pause()
            drawn = results.visible_rows()
            # The highlighted (last) row is marked by its background, the others are not.
            backgrounds = [
                {segment.style.bgcolor for segment in results.render_line(y) if segment.style}
                for y in range(results.size.height)
            ]
            assert all(backgrounds[-1].isdisjoint(other) for other in backgrounds[:-1])
            return drawn, [str(label) for label in results.labels], results.size.height

    drawn, labels, height = asyncio.run(go())
    assert len(labels) > height, "the list must be longer than the screen for this test"
    assert len(drawn) == height
    for row, label in zip(drawn, labels[-height:], strict=True):
        # A row too long for the list is cut, and ends in an ellipsis.
        assert row == label or (row.endswith("…") and label.startswith(row[:-1])), (row, label)


def test_history_is_kept_short_and_without_repeats(tmp_path: Path) -> None:
    history: list[str] = []
    for query in ["a", "b", "a", "  c  "]:
        history = remember(tmp_path, history, query)
    assert history == ["b", "a", "c"] == load_history(tmp_path)
    assert remember(tmp_path / "missing" / "deeper", [], "x") == ["x"]


def test_off_a_terminal_it_says_so_and_exits_2() -> None:
    for name in ("interactive", "i"):
        result = CliRunner().invoke(cli, [name])
        assert result.exit_code == 2
        assert "the live lookup needs a terminal" in result.stderr


# ---------------------------------------------------------------- ending it on a real terminal

ENTER_ALT, LEAVE_ALT = b"\x1b[?1049h", b"\x1b[?1049l"  # the alternate screen, on and off


def _read_until(master: int, wanted: bytes, seen: bytearray, seconds: float) -> bool:
    import select

    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                seen.extend(os.read(master, 65536))
            except OSError:  # the other end closed
                break
    return wanted in seen


@pytest.mark.parametrize(
    ("ending", "status"),
    [
        ("SIGTERM", 143),
        ("SIGHUP", 129),
        (b"\x03", 130),  # Ctrl+C
        (b"\x04", 0),  # Ctrl+D
    ],
)
def test_the_terminal_is_restored_however_it_ends(
    tmp_path: Path, ending: str | bytes, status: int
) -> None:
    """`npt-gloss interactive` in a pseudo-terminal: once it is drawn, a signal or a key ends
    it, and the terminal is left as it was found (modes and the normal screen)."""
    try:
        import termios

        master, slave = os.openpty()
    except (ImportError, OSError) as exc:
        pytest.skip(f"no pseudo-terminal here: {exc}")
    env = {**os.environ, "TERM": "xterm-256color", "NPT_GLOSS_DATA": str(tmp_path)}
    before = termios.tcgetattr(slave)
    process = subprocess.Popen(
        [sys.executable, "-m", "npt_gloss", "interactive"],
        stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
    )  # fmt: skip
    seen = bytearray()
    try:
        # Drawn: the search box's placeholder is on the screen.
        assert _read_until(master, b"a term in English", seen, 90), bytes(seen[-500:])
        assert ENTER_ALT in seen
        assert termios.tcgetattr(slave) != before  # raw mode while it runs
        if isinstance(ending, str):
            process.send_signal(getattr(signal, ending))
        else:
            os.write(master, ending)
        assert process.wait(timeout=30) == status
        _read_until(master, b"\0never", seen, 0.5)  # what it wrote on its way out
        after = termios.tcgetattr(slave)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(slave)
        os.close(master)
    assert after == before
    assert LEAVE_ALT in seen[seen.index(ENTER_ALT) :]
    assert b"Traceback" not in seen
