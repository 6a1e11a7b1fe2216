"""The progress line is drawn only on a terminal, and notes never mix with it."""

from __future__ import annotations

import io

from iku.progress import Progress


class Terminal(io.StringIO):
    """A text stream that says it is a terminal, as stderr does in a console."""

    def isatty(self) -> bool:
        return True


def test_nothing_is_drawn_when_the_stream_is_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(stream)
    progress.stage("membaca")
    progress.update(0.5)
    progress.done()
    assert stream.getvalue() == ""
    progress.note("iku: catatan")
    assert stream.getvalue() == "iku: catatan\n"  # notes are always written


def test_a_terminal_gets_a_bar_redrawn_in_place_and_each_stage_closed() -> None:
    stream = Terminal()
    progress = Progress(stream)
    progress.stage("membaca data.csv")
    progress.update(0.5)
    progress.stage("menghitung")
    progress.done()
    text = stream.getvalue()
    assert "\r\x1b[2Kmembaca data.csv [############------------]  50%" in text
    lines = text.split("\n")
    assert lines[0].rsplit("\r\x1b[2K", 1)[1].startswith("membaca data.csv: ")
    assert lines[0].endswith(" s")
    assert "menghitung: " in lines[1]
    assert text.endswith("\n")


def test_a_note_is_printed_above_the_bar_which_is_drawn_again() -> None:
    stream = Terminal()
    progress = Progress(stream)
    progress.stage("membaca")
    progress.update(0.25)
    progress.note("iku: catatan")
    tail = stream.getvalue().rsplit("\r\x1b[2K", 1)[1]
    assert tail == "iku: catatan\nmembaca [######------------------]  25%"


def test_the_bar_is_clamped_to_0_and_100_percent() -> None:
    stream = Terminal()
    progress = Progress(stream)
    progress.stage("x")
    progress.update(1.7)
    assert stream.getvalue().endswith("100%")
    progress.update(-1)
    assert stream.getvalue().endswith("  0%")
