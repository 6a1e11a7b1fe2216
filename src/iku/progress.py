"""A progress line on stderr for long command-line runs, silent when stderr is not a terminal.

The command line works in stages (reading, evaluating, writing); a stage that can tell how far
it is (reading a large CSV) moves a bar, the others show their name and then how long they took.
Nothing is printed when stderr is piped or redirected, so logs and scripts stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]

_WIDTH = 24


class Progress:
    """Stages with an optional bar, drawn on one line of ``stream`` (stderr by default).

    >>> import io
    >>> p = Progress(io.StringIO())  # not a terminal: stays quiet
    >>> p.stage("membaca data")
    >>> p.update(0.5)
    >>> p.done()
    >>> p.stream.getvalue()
    ''
    """

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self._name = ""
        self._start = 0.0
        self._drawn = False
        self._last = ""

    def stage(self, name: str) -> None:
        """Start the stage ``name`` (ending the one before)."""
        self.done()
        self._name = name
        self._start = time.monotonic()
        self._draw(f"{name} …")

    def update(self, fraction: float) -> None:
        """Move the current stage's bar to ``fraction`` (0 to 1)."""
        fraction = min(max(fraction, 0.0), 1.0)
        filled = round(fraction * _WIDTH)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        self._draw(f"{self._name} [{bar}] {fraction * 100:3.0f}%")

    def note(self, text: str) -> None:
        """Print ``text`` as a line of its own on the stream, above the progress line (which
        is drawn again under it)."""
        if self.enabled and self._drawn:
            self.stream.write("\r\x1b[2K" + text + "\n" + self._last)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def clear(self) -> None:
        """Wipe the progress line (before an error message takes its place)."""
        if self.enabled and self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
        self._name = ""
        self._drawn = False

    def done(self) -> None:
        """End the current stage, leaving its name and duration on the line."""
        if self._name and self.enabled:
            elapsed = time.monotonic() - self._start
            self._draw(f"{self._name}: {elapsed:.1f} s")
            self.stream.write("\n")
            self.stream.flush()
        self._name = ""
        self._drawn = False

    def _draw(self, text: str) -> None:
        if not self.enabled:
            return
        self.stream.write("\r\x1b[2K" + text)
        self.stream.flush()
        self._drawn = True
        self._last = text
