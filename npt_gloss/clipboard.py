"""Put a citation on the user's clipboard, wherever that is.

Two ways, tried in order: pyperclip (the system clipboard through xclip/xsel/wl-copy,
pbcopy or the Windows API), then the OSC 52 escape sequence written to the controlling
terminal, which most modern terminal emulators (and tmux with ``set-clipboard on``) turn
into a clipboard write -- the one that still works over ssh. pyperclip is imported only
here, when asked for. What goes to stdout is the caller's business.
"""

from __future__ import annotations

import base64

from npt_gloss.errors import UsageError

__all__ = ["NoClipboard", "copy_to_clipboard", "osc52"]

TTY = "/dev/tty"


class NoClipboard(UsageError):
    """Neither the system clipboard nor a terminal could take the text."""


def osc52(text: str) -> str:
    """The OSC 52 sequence that asks a terminal to put ``text`` on the clipboard ("c")."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1b]52;c;{payload}\x07"


def _pyperclip(text: str) -> str | None:
    """Copy with pyperclip; the reason it failed, or ``None`` on success."""
    try:
        import pyperclip
    except ImportError:
        return "pyperclip is not installed"
    try:
        pyperclip.copy(text)
    except Exception as exc:  # PyperclipException, or OSError from a broken helper program
        reason = str(exc).split(" For more information")[0].strip().rstrip(".")
        return reason or type(exc).__name__
    return None


def _terminal(text: str, tty: str) -> str | None:
    """Write OSC 52 to the terminal; the reason it failed, or ``None`` on success."""
    try:
        with open(tty, "w", encoding="ascii") as terminal:
            terminal.write(osc52(text))
            terminal.flush()
    except OSError as exc:
        return f"cannot write to {tty}: {exc.strerror or exc}"
    return None


def copy_to_clipboard(text: str, *, tty: str = TTY) -> str:
    """Copy ``text``; return a short description of how, for a message on stderr.

    Raises :class:`NoClipboard` (a usage error) saying why when there is no clipboard at all.
    """
    why_not = _pyperclip(text)
    if why_not is None:
        return "copied to the clipboard"
    why_not_tty = _terminal(text, tty)
    if why_not_tty is None:
        return "sent to the terminal's clipboard (OSC 52; needs a terminal that supports it)"
    raise NoClipboard(
        "no clipboard available",
        hint=f"system clipboard: {why_not}; terminal: {why_not_tty}",
    )
