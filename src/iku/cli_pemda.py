"""The command line of the Pemda view: ``iku cascade`` and ``iku evaluate --all``.

::

    iku cascade SET_OR_FILE... [--example | --data DIR] [--period P] [--top SET]
                [--format table|markdown|mermaid|html|csv|json] [--output FILE]
    iku evaluate --all DIR [--period P] [--format table|markdown|html|csv|json|xlsx]
                [--output FILE_OR_FOLDER]

``iku cascade`` checks the links between the sets given (ids or set files); with ``--example``
each set is evaluated on its bundled example data (its units summed per period), with
``--data DIR`` on the files of a folder named by set id (as ``--all`` reads them), and every
indicator shows its capaian and predikat. ``iku evaluate --all DIR`` evaluates every OPD whose
files are in ``DIR`` and prints the Pemda summary; ``--format html --output FOLDER`` writes the
summary and one report per OPD into the folder. Exit codes as ``iku evaluate``: 1 when there are
errors (a broken link, an OPD that failed, data errors), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Final

from iku import messages
from iku.errors import UsageError

__all__ = ["CASCADE_FORMATS", "add_cascade", "cascade_command", "evaluate_all_command"]

CASCADE_FORMATS: Final = ("table", "markdown", "mermaid", "html", "csv", "json")
"""The formats ``iku cascade`` writes."""
_CASCADE_SUFFIXES: Final = {
    ".txt": "table",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
}
_SUMMARY_SUFFIXES: Final = {
    ".txt": "table",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
    ".xlsx": "xlsx",
}


def _say(lang: str, key: str, **fields: Any) -> str:
    return messages.text(key, lang, **fields)


def add_cascade(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``iku cascade`` to the subcommands ``sub``."""
    cascade = sub.add_parser(
        "cascade",
        parents=[common],
        help="check the links between sets (pohon kinerja): broken links, circles, gaps",
    )
    cascade.add_argument("sets", nargs="+", metavar="SET", help="set ids or set files")
    source = cascade.add_mutually_exclusive_group()
    source.add_argument(
        "--example",
        action="store_true",
        help="evaluate each set on its bundled example data, to show capaian in the tree",
    )
    source.add_argument(
        "--data",
        "-d",
        metavar="DIR",
        help="evaluate each set on its files in DIR (named by set id, as evaluate --all reads)",
    )
    cascade.add_argument("--period", "-p", metavar="PERIOD", help="the period of the capaian")
    cascade.add_argument(
        "--top", action="append", metavar="SET", help="a top set (default: sets linking to none)"
    )
    cascade.add_argument("--format", "-f", choices=CASCADE_FORMATS, help="default: table")
    cascade.add_argument("--output", "-o", metavar="FILE", help="write to this file")


def _format(args: argparse.Namespace, suffixes: dict[str, str]) -> str:
    """The format asked for, or named by the output's suffix; a suffix that format does not
    write is a usage error naming those it does (a text format may write a ``.txt``)."""
    output = Path(args.output) if args.output else None
    suffix = output.suffix.lower() if output is not None else ""
    fmt = str(args.format or suffixes.get(suffix, "table"))
    if not suffix:
        return fmt
    if suffix not in suffixes:
        shown = ", ".join(suffixes)
        raise UsageError(
            _say(args.lang, "cli.unknown_suffix", path=output, suffix=suffix, suffixes=shown)
        )
    if suffixes[suffix] != fmt and not (suffix == ".txt" and fmt != "xlsx"):
        shown = ", ".join(s for s, f in suffixes.items() if f == fmt)
        raise UsageError(
            _say(
                args.lang, "cli.bad_suffix", path=output, format=fmt, suffix=suffix, suffixes=shown
            )
        )
    return fmt


def _period(text: str | None) -> Any:
    if text is None:
        return None
    from iku.periods import parse_period

    parsed = parse_period(text)
    return parsed.year if parsed.is_year else str(parsed)


def _emit(args: argparse.Namespace, text: str) -> None:
    if args.output:
        path = Path(args.output)
        path.write_text(text, encoding="utf-8", newline="\n" if path.suffix != ".csv" else "")
        print(f"iku: {_say(args.lang, 'cli.report_written', path=path)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def cascade_command(args: argparse.Namespace) -> int:
    """``iku cascade``: the checked tree in the format asked for; 1 when there are errors."""
    from iku.cascading import as_set, cascade
    from iku.report.export import csv_text
    from iku.report.safety import json_text

    lang = args.lang
    fmt = _format(args, _CASCADE_SUFFIXES)
    sets = [as_set(item) for item in args.sets]
    evaluations: dict[str, Any] | None = None
    errors = 0
    if args.example:
        evaluations = {s.id: _example_evaluation(s, lang) for s in sets}
    elif args.data:
        from iku.pemda import evaluate_folder

        pemda = evaluate_folder(args.data, sets=sets)
        for set_id, error in pemda.failures.items():
            print(f"iku: {set_id}: {_one_line(error, lang)}", file=sys.stderr)
        known = {s.id for s in sets}
        evaluations = {k: v for k, v in pemda.evaluations.items() if k in known}
        errors += len(pemda.failures)
    for ev in (evaluations or {}).values():
        errors += sum(1 for issue in ev.issues if issue.severity == "error")
    tree = cascade(sets, evaluations=evaluations, period=_period(args.period), top=args.top)
    errors += sum(1 for issue in tree.issues if issue.severity == "error")
    if fmt == "markdown":
        text = tree.to_markdown(lang)
    elif fmt == "mermaid":
        text = tree.to_mermaid(lang)
    elif fmt == "html":
        text = tree.to_html(lang)
    elif fmt == "csv":
        text = csv_text(tree.to_records(lang))
    elif fmt == "json":
        doc = {
            "illustrative": bool(args.example),
            "links": tree.to_records(lang),
            "issues": [_issue_record(issue) for issue in tree.issues],
        }
        text = json_text(doc) + "\n"
    else:
        from iku.report.cascade import cascade_text

        text = cascade_text(tree, lang)
    if args.example:
        text = _illustrative(text, fmt, lang)
    _emit(args, text)
    if errors:
        print(f"iku: {_say(lang, 'cli.errors', n=errors)}", file=sys.stderr)
        return 1
    return 0


def _issue_record(issue: Any) -> dict[str, Any]:
    return {
        "code": str(issue.code),
        "severity": str(issue.severity),
        "indicator": issue.indicator,
        "other": issue.variable,
        "message": issue.message,
        "message_en": issue.message_en,
    }


def _one_line(error: BaseException, lang: str) -> str:
    describe = getattr(error, "describe", None)
    text = str(describe(lang)) if callable(describe) else f"{type(error).__name__}: {error}"
    return " ".join(text.split())


def _illustrative(text: str, fmt: str, lang: str) -> str:
    """A report of example data says its figures are illustrative, at the top."""
    import html

    note = messages.text("examples.illustrative", lang)
    if fmt == "table":
        return f"*** {note} ***\n\n{text}"
    if fmt == "markdown":
        return f"> **{note}**\n\n{text}"
    if fmt == "mermaid":
        return text.replace("flowchart BT\n", f"flowchart BT\n    %% {note}\n", 1)
    if fmt == "html":
        banner = f'<p class="illustrative" role="note"><strong>{html.escape(note)}</strong></p>'
        return text.replace("</h1>", f"</h1>\n{banner}", 1)
    return text


def _example_evaluation(s: Any, lang: str) -> Any:
    from iku.errors import ArgumentError
    from iku.examples import example_files
    from iku.pemda import evaluate_source

    try:
        example = example_files(s.id)
    except ArgumentError as error:
        raise UsageError(_say(lang, "cli.no_example", id=s.id, name="data")) from error
    return evaluate_source(s, example.data, targets=example.targets, budget=example.budget)


def evaluate_all_command(args: argparse.Namespace) -> int:
    """``iku evaluate --all DIR``: the Pemda summary; 1 when an OPD failed or has errors."""
    from iku.pemda import evaluate_folder
    from iku.report.export import csv_text
    from iku.report.safety import json_text

    lang = args.lang
    fmt = _summary_format(args)
    pemda = evaluate_folder(args.all, period=_period(args.period))
    if fmt == "site":
        index = pemda.write_site(args.output, lang)
        print(f"iku: {_say(lang, 'cli.report_written', path=index)}", file=sys.stderr)
    elif fmt == "xlsx":
        if not args.output:
            raise UsageError(_say(lang, "cli.xlsx_needs_output"))
        pemda.to_excel(args.output, lang)
        print(f"iku: {_say(lang, 'cli.report_written', path=args.output)}", file=sys.stderr)
    else:
        if fmt == "markdown":
            text = pemda.to_markdown(lang)
        elif fmt == "html":
            text = pemda.to_html(lang)
        elif fmt == "csv":
            text = csv_text(pemda.to_records())
        elif fmt == "json":
            text = json_text({"opd": pemda.to_records()}, default=str) + "\n"
        else:
            text = pemda.to_text(lang)
        _emit(args, text)
    for set_id, error in pemda.failures.items():
        print(f"iku: {set_id}: {_one_line(error, lang)}", file=sys.stderr)
    errors = len(pemda.failures) + sum(
        1 for ev in pemda.evaluations.values() for issue in ev.issues if issue.severity == "error"
    )
    if errors:
        print(f"iku: {_say(lang, 'cli.errors', n=errors)}", file=sys.stderr)
        return 1
    return 0


def _summary_format(args: argparse.Namespace) -> str:
    """The summary's format; ``site`` for html written to a folder (an output without a
    suffix, or an existing folder)."""
    output = Path(args.output) if args.output else None
    if output is not None and (output.is_dir() or not output.suffix):
        if args.format not in (None, "html"):
            raise UsageError(_say(args.lang, "pemda.site_needs_html", path=output))
        return "site"
    return _format(args, _SUMMARY_SUFFIXES)
