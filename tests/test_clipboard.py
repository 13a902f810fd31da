"""Clipboard: pyperclip first, then OSC 52 to the terminal, else a clear error."""

from __future__ import annotations

import base64
import sys
import types
from pathlib import Path

import pytest

from npt_gloss import clipboard
from npt_gloss.clipboard import NoClipboard, copy_to_clipboard, osc52
from npt_gloss.errors import UsageError

TEXT = "俄罗斯联邦，“核裁军：分担责任的领域”，工作文件，第12段。"


def _fake_pyperclip(monkeypatch: pytest.MonkeyPatch, copy: object) -> None:
    module = types.ModuleType("pyperclip")
    module.copy = copy  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pyperclip", module)


def _failing_copy(text: str) -> None:
    raise RuntimeError("Pyperclip could not find a copy/paste mechanism for your system.")


def test_pyperclip_when_it_works(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    copied: list[str] = []
    _fake_pyperclip(monkeypatch, copied.append)
    tty = tmp_path / "tty"
    assert copy_to_clipboard(TEXT, tty=str(tty)) == "copied to the clipboard"
    assert copied == [TEXT]
    assert not tty.exists()  # the terminal was not needed


def test_osc52_when_pyperclip_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fake_pyperclip(monkeypatch, _failing_copy)
    tty = tmp_path / "tty"
    tty.write_text("")
    how = copy_to_clipboard(TEXT, tty=str(tty))
    assert "OSC 52" in how
    written = tty.read_text(encoding="ascii")
    assert written.startswith("\x1b]52;c;") and written.endswith("\x07")
    payload = written[len("\x1b]52;c;") : -1]
    assert base64.b64decode(payload).decode("utf-8") == TEXT


def test_osc52_when_pyperclip_is_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyperclip", None)  # import fails
    tty = tmp_path / "tty"
    tty.write_text("")
    assert "OSC 52" in copy_to_clipboard("x", tty=str(tty))
    assert tty.read_text() == osc52("x")


def test_no_clipboard_at_all(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fake_pyperclip(monkeypatch, _failing_copy)
    with pytest.raises(NoClipboard) as info:
        copy_to_clipboard(TEXT, tty=str(tmp_path / "no-such-dir" / "tty"))
    assert isinstance(info.value, UsageError)  # the CLI reports it like any user error
    message = str(info.value)
    assert "no clipboard" in message
    assert "could not find a copy/paste mechanism" in message
    assert "tty" in message


def test_osc52_sequence() -> None:
    assert osc52("hi") == "\x1b]52;c;aGk=\x07"


def test_pyperclip_is_imported_lazily() -> None:
    source = Path(clipboard.__file__).read_text(encoding="utf-8")
    top_level = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert not any("pyperclip" in line for line in top_level)
