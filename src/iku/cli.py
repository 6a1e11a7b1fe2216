"""The ``iku`` command line (also ``python -m iku``).

::

    iku list                         the sets available
    iku show SET                     a set's sasaran and indicators, formulas in words and symbols
    iku check FILE                   validate a set file, print every problem
    iku template SET --output F.xlsx an Excel input workbook to fill in by hand
    iku evaluate SET --data FILE     the LKjIP report of the data against the targets
    iku sql SET --dialect NAME       the SQL query that evaluates the set inside a database
    iku cascade SET...               the links between sets (pohon kinerja), checked
    iku evaluate --all DIR           every OPD of a folder at once: the Pemda summary

``SET`` is a set id (see ``iku list``) or the path of a set file. Exit codes: 0 when everything
evaluated cleanly, 1 when the data (or a set file given to ``check``) has errors (the report is
still written, with its issues), 2 for a usage error or a file that cannot be read. Errors are
one line on stderr; ``--debug`` shows the traceback. ``--lang en`` speaks English.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import os
import re
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, NoReturn

import attrs

from iku import messages
from iku.errors import ArgumentError, DefinitionError, IkuError, InputError, UsageError
from iku.model import Index, Indicator, IndicatorSet
from iku.progress import Progress

__all__ = ["main"]

FORMATS: Final = ("table", "markdown", "csv", "json", "html", "xlsx")
_FORMAT_SUFFIXES: Final = {
    "table": (".txt",),
    "markdown": (".md", ".markdown"),
    "csv": (".csv",),
    "json": (".json",),
    "html": (".html", ".htm"),
    "xlsx": (".xlsx",),
}
"""The suffixes of the files each format writes (a text format may also write a .txt)."""
_SUFFIXES: Final = {suffix: fmt for fmt, names in _FORMAT_SUFFIXES.items() for suffix in names}

_ARGPARSE: Final = (
    (re.compile(r"argument (?P<argument>\S+): (?P<error>.*)", re.DOTALL), "argument"),
    (
        re.compile(r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)", re.DOTALL),
        "invalid_choice",
    ),
    (re.compile(r"the following arguments are required: (?P<names>.*)"), "required"),
    (re.compile(r"unrecognized arguments: (?P<names>.*)"), "unrecognized"),
    (re.compile(r"expected one argument"), "expected_one"),
    (re.compile(r"expected at most one argument"), "expected_at_most_one"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)"), "ambiguous"),
)
"""argparse's own error messages (English), recognised so that they are said in the language
asked for; a message not listed here is shown as argparse wrote it."""

_SIGPIPE_EXIT: Final = 141
"""The exit code of a command whose reader went away (``iku show SET | head``): 128 + SIGPIPE,
as a Unix tool killed by the signal reports it."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _say(lang: str, key: str, **fields: Any) -> str:
    return messages.text(f"cli.{key}", lang, **fields)


def _argparse_words(message: str, lang: str) -> str:
    """argparse's error ``message`` in ``lang``."""
    for pattern, key in _ARGPARSE:
        found = pattern.fullmatch(message)
        if found:
            fields = found.groupdict()
            if key == "argument":
                fields["error"] = _argparse_words(fields["error"], lang)
            return _say(lang, key, **fields)
    return message


def _lang_of(argv: Sequence[str]) -> str:
    """The language asked for, found before parsing so that parse errors speak it too."""
    lang = os.environ.get("IKU_LANG", "id")
    for n, arg in enumerate(argv):
        if arg == "--lang" and n + 1 < len(argv):
            lang = argv[n + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang if lang in messages.LANGS else "id"


def _parser() -> argparse.ArgumentParser:
    from iku import __version__

    common = _Parser(add_help=False)
    common.add_argument(
        "--lang",
        choices=("id", "en"),
        default=argparse.SUPPRESS,
        help="language of reports and messages: id (default) or en",
    )
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the full traceback of an unexpected error",
    )
    parser = _Parser(
        prog="iku",
        description="Indikator Kinerja Utama (IKU): define, check, evaluate and report.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"iku {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    sub.add_parser("list", parents=[common], help="the ids and names of every set available")

    show = sub.add_parser("show", parents=[common], help="a set's sasaran and indicators")
    show.add_argument("set", metavar="SET", help="a set id (see iku list) or a set file")

    check = sub.add_parser("check", parents=[common], help="validate a set file")
    check.add_argument("file", metavar="FILE", help="a set file (.toml or .json)")

    template = sub.add_parser(
        "template", parents=[common], help="an Excel input workbook for a set"
    )
    template.add_argument("set", metavar="SET", help="a set id or a set file")
    template.add_argument("--output", "-o", required=True, metavar="FILE.xlsx")
    template.add_argument("--force", action="store_true", help="overwrite an existing file")
    template.add_argument(
        "--parts",
        choices=("year", "quarter", "month"),
        default="year",
        help="one row per year (default), or per quarter or month for iku monitor",
    )

    ev = sub.add_parser(
        "evaluate", parents=[common], help="the LKjIP report of data against targets"
    )
    ev.add_argument("set", nargs="?", metavar="SET", help="a set id or a set file")
    ev.add_argument("--data", "-d", metavar="FILE", help="data: .csv, .xlsx or .parquet")
    ev.add_argument(
        "--all",
        metavar="DIR",
        help="every OPD at once: a folder of data files named by set id (see iku cascade)",
    )
    ev.add_argument(
        "--budget", "-b", metavar="FILE", help="budget: sasaran, period, pagu, realisasi"
    )
    ev.add_argument(
        "--example",
        nargs="?",
        const="data",
        metavar="NAME",
        help="use the set's bundled example data (NAME: data, the default, or problems) "
        "and its example targets",
    )
    ev.add_argument(
        "--targets", "-t", metavar="FILE", help="targets: .csv or .xlsx (indicator,period,target)"
    )
    ev.add_argument("--period", "-p", metavar="YEAR", help="the year to report")
    ev.add_argument(
        "--by",
        action="append",
        metavar="COLUMN",
        help="report per unit of this key column (repeat or comma-separate for several)",
    )
    ev.add_argument("--format", "-f", choices=FORMATS, help="output format (default: table)")
    ev.add_argument("--output", "-o", metavar="PATH", help="write to this file, not stdout")
    _reading_options(ev)

    mon = sub.add_parser(
        "monitor",
        parents=[common],
        help="a year followed quarter by quarter: to date, projected year end, still needed",
    )
    mon.add_argument("set", metavar="SET", help="a set id or a set file")
    mon.add_argument("--data", "-d", metavar="FILE", help="data with a period column (2025-Q1...)")
    mon.add_argument(
        "--example",
        nargs="?",
        const="quarters",
        metavar="NAME",
        help="use the set's bundled example data (default: quarters) and its example targets",
    )
    mon.add_argument(
        "--targets", "-t", metavar="FILE", help="targets: the year's and each quarter's"
    )
    mon.add_argument("--year", "-y", required=True, metavar="YEAR", help="the year to follow")
    mon.add_argument(
        "--by",
        action="append",
        metavar="COLUMN",
        help="follow each unit of this key column (repeat or comma-separate for several)",
    )
    mon.add_argument("--format", "-f", choices=FORMATS, help="output format (default: table)")
    mon.add_argument("--output", "-o", metavar="PATH", help="write to this file, not stdout")
    _reading_options(mon)

    sql = sub.add_parser("sql", parents=[common], help="the SQL query that evaluates a set")
    sql.add_argument("set", metavar="SET", help="a set id or a set file")
    sql.add_argument("--dialect", required=True, metavar="NAME", help="duckdb, postgres, spark…")
    sql.add_argument("--table", default="data", metavar="NAME", help="the table (default: data)")
    sql.add_argument("--by", action="append", metavar="COLUMN", help="key column(s) to group on")
    sql.add_argument(
        "--key",
        action="append",
        metavar="COLUMN",
        help="without --by: the column(s) that identify a row (period among them, if any)",
    )
    sql.add_argument("--targets", "-t", metavar="FILE", help="targets: .csv or .xlsx")
    sql.add_argument("--period", "-p", metavar="YEAR", help="the period of every row")
    _reading_options(sql)

    from iku.cli_pemda import add_cascade

    add_cascade(sub, common)
    return parser


def _reading_options(parser: argparse.ArgumentParser) -> None:
    """How the data and targets files write numbers and text."""
    parser.add_argument(
        "--decimal",
        choices=(".", ","),
        help="the decimal mark of the numbers in the files (default: what each file says: "
        "a CSV separated by ; uses the comma, else each column's own numbers decide)",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="the encoding of a CSV file that is not UTF-8 (say, cp1252)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_of(args_list)
    _tolerant_output()
    command = next((a for a in args_list if not a.startswith("-")), "")
    try:
        args = _parser().parse_args(args_list)
    except UsageError as error:
        words = _argparse_words(str(error), lang)
        print(f"iku: {_say(lang, 'usage', error=words)}", file=sys.stderr)
        if command:
            print(f"iku: {_say(lang, 'see_help', command=command)}", file=sys.stderr)
        return 2
    except SystemExit as stop:  # --help and --version
        return stop.code if isinstance(stop.code, int) else 0
    args.lang = getattr(args, "lang", lang)
    debug = getattr(args, "debug", False)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            code = _COMMANDS[args.command](args)
            sys.stdout.flush()
        for warning in caught:
            message = " ".join(str(warning.message).split())
            print(f"iku: {_say(args.lang, 'warning', warning=message)}", file=sys.stderr)
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return _SIGPIPE_EXIT
    except UsageError as error:
        _clear(args)
        print(f"iku: {_say(args.lang, 'usage', error=error.describe(args.lang))}", file=sys.stderr)
        return 2
    except (IkuError, OSError, ImportError, KeyError) as error:
        _clear(args)
        if debug:
            raise
        print(f"iku: {_one_line(error, args.lang)}", file=sys.stderr)
        return 2
    except Exception as error:
        _clear(args)
        if debug:
            raise
        text = f"{type(error).__name__}: {_one_line(error, args.lang)}"
        print(f"iku: {_say(args.lang, 'internal', error=text)}", file=sys.stderr)
        return 2


def _clear(args: argparse.Namespace) -> None:
    progress = getattr(args, "progress", None)
    if progress is not None:
        progress.clear()


def _one_line(error: BaseException, lang: str = "en") -> str:
    text = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
    describe = getattr(error, "describe", None)
    if callable(describe):
        text = str(describe(lang))
    if isinstance(error, OSError) and error.filename and error.strerror:
        text = f"{error.filename}: {error.strerror}"
    return " ".join(text.split()) or type(error).__name__


def _quiet_stdout() -> None:
    """Point stdout at the null device once its reader has gone, so that Python's own flush at
    exit does not complain about the broken pipe (see the ``signal`` module's notes on SIGPIPE)."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _tolerant_output() -> None:
    """Never fail on a character the console cannot show (a Windows code page)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def _subject(text: str, lang: str) -> IndicatorSet:
    """A set by id, or from a set file when ``text`` is a path."""
    from iku.files import load_set
    from iku.registry import get_set

    path = Path(text)
    if path.suffix.lower() in (".toml", ".json") or os.sep in text or path.is_file():
        if not path.exists():
            raise InputError.from_key("cli.no_set_file", path=text)
        return load_set(path)
    return get_set(text)


def _list(args: argparse.Namespace) -> int:
    from iku.registry import get_set, list_sets

    for set_id in list_sets():
        try:
            name = get_set(set_id).label(args.lang)
        except IkuError as error:
            name = f"({_one_line(error, args.lang)})"
        print(f"{set_id}\t{name}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from iku.report.text import format_number, formula_words, label, polarity_words

    s = _subject(args.set, args.lang)
    lang = args.lang
    out = [s.id, s.label(lang)]
    org = (s.organization_en or s.organization) if lang == "en" else s.organization
    out.append(f"{label('organization', lang)}: {org}")
    out.append(f"{_say(lang, 'period')}: {', '.join(str(y) for y in s.period)}")
    if s.source:
        out.append(f"{label('source', lang)}: {s.source}")
    out.append(rules_line(s.rules, lang, lower_used=any(i.polarity == "lower" for i in s)))
    for sas in s.sasaran:
        out += ["", f"{sas.code}  {sas.label(lang)}"]
        for ind in sas.indicators:
            out.append(f"  {ind.code}  {ind.label(lang)}")
            rows = [
                ("formula_words", formula_words(ind, s, lang)),
                ("formula_symbols", ind.formula_text),
                ("unit", ind.unit or "–"),
                ("polarity", polarity_words(ind.polarity, lang)),
                ("source_data", ind.source_data or "–"),
            ]
            if isinstance(ind, Index):
                lo, hi = ind.bounds
                scale = f"{format_number(lo, 2, lang)} – {format_number(hi, 2, lang)}"
                rows.append(("scale", scale))
                if ind.grades is not None:
                    rows.append(("grades", ind.grades.name))
            names = {key: label(key, lang) for key, _ in rows}
            if ind.supports:
                names["supports"] = messages.text("pemda.supports", lang)
                rows.append(("supports", ", ".join(ind.supports)))
            for name, text in indicator_rules_rows(s, ind, lang):
                names[name] = name
                rows.append((name, text))
            width = max(len(name) for name in names.values())
            out += [f"      {names[key].ljust(width)}  {text}" for key, text in rows]
    print("\n".join(out))
    return 0


def rules_line(rules: Any, lang: str, *, lower_used: bool = True) -> str:
    """The set's rules of capaian in one line: always said, the default ones too."""
    from iku.messages import text

    clauses = rules.describe(lang, lower_used=lower_used)
    if not clauses:
        return text("rules.default", lang)
    return text("rules.heading", lang, clauses="; ".join(clauses)).rstrip(".")


def indicator_rules_rows(s: IndicatorSet, ind: Indicator, lang: str) -> list[tuple[str, str]]:
    """What `iku show` says of an indicator's own rules, predikat scale and weight, where they
    are not the set's (or the default)."""
    from iku.messages import text
    from iku.report.text import label
    from iku.scales import PREDIKAT

    rows = []
    own = s.rules.merge(ind.rules)
    if own.values != s.rules.values:
        said = own.describe(lang, lower_used=ind.polarity == "lower")
        rows.append(
            (text("rules.indicator", lang), "; ".join(said) or text("rules.default_short", lang))
        )
    if ind.categories != PREDIKAT:
        rows.append((label("category", lang), ind.categories.name))
    if ind.weight != 1:
        rows.append((text("rules.weight", lang), f"{ind.weight:g}"))
    return rows


def _check(args: argparse.Namespace) -> int:
    from iku.files import load_set

    path = Path(args.file)
    if not path.exists():
        print(f"iku: {_say(args.lang, 'no_file', path=path)}", file=sys.stderr)
        return 2
    try:
        s = load_set(path)
    except DefinitionError as error:
        print(_say(args.lang, "invalid", path=path, n=len(error.problems)))
        problems = error.problems_in(args.lang)
        if problems is None:  # the set reader wrote them in English only: say so
            print(_say(args.lang, "problems_in_english"))
            problems = error.problems
        for problem in problems:
            print(f"- {' '.join(str(problem).split())}")
        return 1
    print(_say(args.lang, "valid", path=path, id=s.id, n=len(s)))
    return 0


def _template(args: argparse.Namespace) -> int:
    from iku.report.excel import write_template

    s = _subject(args.set, args.lang)
    path = Path(args.output)
    if path.suffix.lower() != ".xlsx":
        raise UsageError(_say(args.lang, "template_suffix", path=path))
    if path.exists() and not args.force:
        raise UsageError(_say(args.lang, "exists", path=path))
    write_template(s, path, lang=args.lang, parts=args.parts)
    print(f"iku: {_say(args.lang, 'template_written', path=path)}", file=sys.stderr)
    return 0


def _sql(args: argparse.Namespace) -> int:
    try:
        from iku.sql import to_sql
    except ImportError:
        print(f"iku: {_say(args.lang, 'sql_unavailable')}", file=sys.stderr)
        return 2
    s = _subject(args.set, args.lang)
    found = _targets(args, s, None)
    if found is not None and found.issues:
        from iku.io.targets import read_targets

        read_targets(args.targets, s, decimal=args.decimal, encoding=args.encoding)  # says all
    targets = found.targets if found is not None else None
    period = _period(args)
    by = _by_columns(args.by)
    keys = _by_columns(args.key)
    if by is None and keys is None:
        raise UsageError.from_key("sql.cli_keys_needed", table=args.table)
    query = to_sql(
        s, args.table, dialect=args.dialect, targets=targets, period=period, by=by, keys=keys
    )
    print(query)
    return 0


def _by_columns(values: Sequence[str] | None) -> list[str] | None:
    if not values:
        return None
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


def _period(args: argparse.Namespace) -> int | None:
    if args.period is None:
        return None
    try:
        return int(args.period)
    except ValueError:
        raise UsageError(_say(args.lang, "period_not_year", value=args.period)) from None


def _targets(args: argparse.Namespace, s: IndicatorSet, data_path: Path | None) -> Any:
    """The targets file asked for, or the targets sheet of a workbook of data (None: none)."""
    from iku.io import load_targets
    from iku.io.excel import has_sheet
    from iku.io.template import TARGETS_SHEET

    options = {"decimal": args.decimal, "encoding": args.encoding}
    if args.targets:
        return load_targets(args.targets, s, **options)
    if data_path is not None and data_path.suffix.lower() == ".xlsx":
        if not has_sheet(data_path, TARGETS_SHEET):
            return None
        targets = load_targets(data_path, s, **options)
        if targets.targets or targets.issues:
            _note(args, _say(args.lang, "targets_from", path=data_path))
        return targets if targets.targets or targets.issues else None
    return None


def _evaluate(args: argparse.Namespace) -> int:
    from iku.evaluation import evaluate
    from iku.io import load_data
    from iku.tables import period_mask

    lang = args.lang
    if args.all is not None or args.set is None:
        if args.all is None or args.set is not None:
            raise UsageError(messages.text("pemda.all_or_set", lang))
        from iku.cli_pemda import evaluate_all_command

        return evaluate_all_command(args)
    s = _subject(args.set, args.lang)
    fmt = _format(args)
    if fmt == "xlsx" and not args.output:
        raise UsageError(_say(lang, "xlsx_needs_output"))
    data_path, targets_path = _inputs(args, s)
    progress = args.progress = Progress()
    progress.stage(_say(lang, "reading", path=data_path.name))
    data = load_data(
        data_path, s, decimal=args.decimal, encoding=args.encoding, progress=progress.update
    )
    if targets_path is not None:
        args.targets = str(targets_path)
    targets = _targets(args, s, data_path)
    if len(data) == 0:
        raise InputError.from_key("cli.no_rows", path=data_path)
    if data.missing:
        shown = ", ".join(data.missing)
        _note(args, _say(lang, "missing_columns", path=data_path, columns=shown))
    period = _period(args)
    only: int | None = None
    if period is not None and "period" in data.columns:
        keep = period_mask(data.columns, period)
        if not keep.any():
            raise InputError.from_key("cli.no_period_rows", path=data_path, period=period)
        # the earlier years stay, for the report's comparison across years (not shown alone)
        keep |= _earlier_years(data.columns, period)
        data = data.take(keep)
        only, period = period, None
    columns, rows = data.columns, data.lines
    columns, by, notes = _grouping(args, s, columns, data_path)
    progress.stage(_say(lang, "evaluating"))
    budget = args.budget or _example_budget(args, s, data_path)
    # the file's issues come first in the evaluation, each naming its place
    ev: Any = evaluate(
        s,
        attrs.evolve(data, columns=columns),
        targets=targets,
        period=period,
        by=by,
        budget=budget,
    )
    progress.stage(_say(lang, "writing"))
    report = _write(args, fmt, ev, s, rows, notes, by, columns.get("period"), only)
    progress.done()
    issues = [i for t in report.tables for i in t.issues] + list(report.general_issues)
    errors = sum(1 for issue in issues if issue.severity == "error")
    if errors:
        print(f"iku: {_say(lang, 'errors', n=errors)}", file=sys.stderr)
        return 1
    return 0


def _example_budget(args: argparse.Namespace, s: IndicatorSet, data: Path) -> Path | None:
    """The budget of the set's bundled example with ``--example``, or the filled ``anggaran``
    sheet of a workbook given as data."""
    from iku.budget import has_budget
    from iku.examples import example_files

    if args.example:
        return example_files(s.id, args.example).budget
    if has_budget(data):
        _note(args, messages.text("pemda.budget_from", args.lang, path=data))
        return data
    return None


def _earlier_years(columns: dict[str, Any], year: int) -> Any:
    """True for the rows of a year before ``year``."""
    import numpy as np

    from iku.periods import as_period

    def earlier(value: Any) -> bool:
        found = as_period(value)
        return found is not None and found.is_year and found.year < year

    values = np.asarray(columns["period"]).tolist()
    distinct = {v: earlier(v) for v in set(values)}
    return np.array([distinct[v] for v in values], dtype=bool)


class _Only:
    """The results of one period of an evaluation (what the records of ``--period`` hold)."""

    def __init__(self, ev: Any, period: Any) -> None:
        self.results = tuple(r for r in ev.results if r.period == period)


def _issue_line(issue: Any, lang: str) -> str:
    """An issue found while reading a file, as one line naming its place."""
    place = getattr(issue, "place", None)
    text = " ".join(issue.describe(lang).split())
    return f"{place}: {text}" if place and not text.startswith(place) else text


def _monitor(args: argparse.Namespace) -> int:
    from iku.io import load_data
    from iku.monitoring import monitor
    from iku.periods import as_period
    from iku.report.export import csv_text
    from iku.report.safety import json_text

    lang = args.lang
    s = _subject(args.set, lang)
    fmt = _format(args)
    if fmt == "xlsx" and not args.output:
        raise UsageError(_say(lang, "xlsx_needs_output"))
    year = as_period(args.year)
    if year is None or not year.is_year:
        raise UsageError(_say(lang, "period_not_year", value=args.year))
    data_path, targets_path = _inputs(args, s)
    progress = args.progress = Progress()
    progress.stage(_say(lang, "reading", path=data_path.name))
    data = load_data(
        data_path, s, decimal=args.decimal, encoding=args.encoding, progress=progress.update
    )
    if targets_path is not None:
        args.targets = str(targets_path)
    found = _targets(args, s, data_path)
    targets = found.targets if found is not None else None
    read = [*data.issues, *(found.issues if found is not None else ())]
    if len(data) == 0:
        raise InputError.from_key("cli.no_rows", path=data_path)
    if data.missing:
        shown = ", ".join(data.missing)
        _note(args, _say(lang, "missing_columns", path=data_path, columns=shown))
    by = _by_columns(args.by)
    for column in by or ():
        if column not in data.columns:
            shown = ", ".join(data.columns)
            raise UsageError(_say(lang, "no_column", column=column, path=data_path, columns=shown))
    progress.stage(_say(lang, "evaluating"))
    m = monitor(s, data.columns, year=year.year, targets=targets, by=by if by else [])
    progress.stage(_say(lang, "writing"))
    output = Path(args.output) if args.output else None
    if fmt == "xlsx":
        assert output is not None  # checked before reading the data
        m.to_excel(output, lang)
        _written(args, output)
    else:
        if fmt == "table":
            text = m.to_text(lang)
        elif fmt == "markdown":
            text = m.to_markdown(lang)
        elif fmt == "html":
            text = m.to_html(lang)
        elif fmt == "json":
            text = json_text(m.to_records(), default=str) + "\n"
        else:
            text = csv_text(m.to_records())
        if args.example:
            text = _illustrative(text, fmt, lang)
        if output is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            output.write_text(text, encoding="utf-8", newline="\n" if fmt != "csv" else "")
            _written(args, output)
    progress.done()
    for issue in read:  # monitor() takes no file's issues: they are said here
        _note(args, _issue_line(issue, lang))
    errors = sum(1 for issue in [*read, *m.issues] if issue.severity == "error")
    if errors:
        print(f"iku: {_say(lang, 'errors', n=errors)}", file=sys.stderr)
        return 1
    return 0


def _illustrative(text: str, fmt: str, lang: str) -> str:
    """A report of example data says its figures are illustrative (text formats only)."""
    note = messages.text("examples.illustrative", lang)
    if fmt == "table":
        return f"{note}\n\n{text}"
    if fmt == "markdown":
        return f"_{note}_\n\n{text}"
    if fmt == "html":
        return text.replace("<h1>", f'<p class="meta"><em>{html.escape(note)}</em></p>\n<h1>', 1)
    return text


def _format(args: argparse.Namespace) -> str:
    """The format asked for (or named by the output's suffix); a suffix the format does not
    write (``--output laporan.pdf``) is a usage error naming the suffixes iku writes."""
    output = Path(args.output) if args.output else None
    suffix = output.suffix.lower() if output is not None else ""
    fmt = str(args.format or _SUFFIXES.get(suffix, "table"))
    if not suffix:
        return fmt
    if suffix not in _SUFFIXES:
        shown = ", ".join(_SUFFIXES)
        raise UsageError(
            _say(args.lang, "unknown_suffix", path=output, suffix=suffix, suffixes=shown)
        )
    if suffix not in _FORMAT_SUFFIXES[fmt] and not (suffix == ".txt" and fmt != "xlsx"):
        shown = ", ".join(_FORMAT_SUFFIXES[fmt])
        raise UsageError(
            _say(args.lang, "bad_suffix", path=output, format=fmt, suffix=suffix, suffixes=shown)
        )
    return fmt


def _inputs(args: argparse.Namespace, s: IndicatorSet) -> tuple[Path, Path | None]:
    """The data file, and the targets file when it comes from the set's example."""
    from iku.examples import example_files

    if args.example:
        try:
            example = example_files(s.id, args.example)
        except ArgumentError as error:
            raise UsageError(_say(args.lang, "no_example", id=s.id, name=args.example)) from error
        return example.data, (None if args.targets else example.targets)
    if not args.data:
        raise UsageError(_say(args.lang, "data_needed"))
    return Path(args.data), None


def _grouping(
    args: argparse.Namespace, s: IndicatorSet, columns: dict[str, Any], path: Path
) -> tuple[dict[str, Any], list[str] | None, list[str]]:
    """The columns to evaluate and their ``by``: per unit with ``--by``, else the library's
    default grouping (:func:`iku.tables.default_grouping`: the units summed per period)."""
    from iku.tables import default_grouping, misspelt_columns

    lang = args.lang
    by = _by_columns(args.by)
    if by:
        for column in by:
            if column not in columns:
                shown = ", ".join(columns)
                raise UsageError(_say(lang, "no_column", column=column, path=path, columns=shown))
        return columns, by, []
    for column, code in misspelt_columns(s, columns).items():
        _note(args, _say(lang, "typo", column=column, code=code))
    grouping = default_grouping(s, columns)
    if not grouping.summed:
        return columns, None, []  # one row per period already: nothing to sum
    notes = []
    if grouping.keys:
        shown = ", ".join(grouping.keys)
        length = len(next(iter(columns.values())))
        _note(args, _say(lang, "summed", columns=shown, first=grouping.keys[0]))
        notes.append(_say(lang, "aggregate_note", rows=length, columns=shown))
    return grouping.columns(columns), [], notes  # by=[]: one group per period


def _write(
    args: argparse.Namespace,
    fmt: str,
    ev: Any,
    s: IndicatorSet | Indicator,
    rows: Any,
    notes: Sequence[str],
    by: Sequence[str] | None,
    periods: Any,
    only: Any = None,
) -> Any:
    """Write the report of ``ev`` and return it: of the period ``only`` alone when given (the
    earlier years evaluated beside it appear in its comparison across years)."""
    from iku.report import build_report, to_html, to_markdown, to_text, write_excel
    from iku.report.export import records_csv, records_json

    lang = args.lang
    illustrative = bool(getattr(args, "example", None))  # example data is no official data
    names = _row_names(rows, by, periods)
    report = build_report(ev, s, lang=lang, row_names=names, notes=notes, illustrative=illustrative)
    if only is not None:
        report = attrs.evolve(report, tables=tuple(t for t in report.tables if t.period == only))
    records = ev if only is None else _Only(ev, only)
    output = Path(args.output) if args.output else None
    if fmt == "xlsx":
        assert output is not None  # checked before reading the data
        write_excel(ev, output, report=report)
        _written(args, output)
        return report
    if fmt == "table":
        width = None if output is None and sys.stdout.isatty() else 120
        text = to_text(report, width=width)
    elif fmt == "markdown":
        text = to_markdown(report)
    elif fmt == "html":
        text = to_html(report)
    elif fmt == "json":
        text = records_json(records, lang=lang, illustrative=illustrative)
    else:
        text = records_csv(records, lang=lang, illustrative=illustrative)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        output.write_text(text, encoding="utf-8", newline="\n" if fmt != "csv" else "")
        _written(args, output)
    return report


def _row_names(lines: Any, by: Sequence[str] | None, periods: Any) -> Any:
    """Names issues' rows by their lines in the file (``lines``: an array, one per row): a
    position is a row of the file; without ``by`` and with no key but the period, a period is
    the one row of that period. Nothing is made per row until a name is asked for."""
    if lines is None:
        return None
    by_period: dict[Any, Any] = {}

    def name(row: Any) -> Any:
        if isinstance(row, int) and 0 <= row < len(lines):
            return int(lines[row])
        if by is None and isinstance(row, dict) and set(row) == {"period"}:
            if not by_period and periods is not None:
                found = zip(periods.tolist(), list(lines), strict=False)
                by_period.update(reversed(list(found)))  # the first row of each period
            return by_period.get(row["period"])
        return None

    return name


def _written(args: argparse.Namespace, path: Path) -> None:
    if args.progress.enabled:
        args.progress.note(f"iku: {_say(args.lang, 'report_written', path=path)}")


def _note(args: argparse.Namespace, text: str) -> None:
    """A one-line note on stderr (above the progress line, if one is drawn)."""
    progress = getattr(args, "progress", None)
    if progress is None:
        print(f"iku: {text}", file=sys.stderr)
    else:
        progress.note(f"iku: {text}")


def _cascade(args: argparse.Namespace) -> int:
    from iku.cli_pemda import cascade_command

    return cascade_command(args)


_COMMANDS: Final = {
    "list": _list,
    "show": _show,
    "check": _check,
    "template": _template,
    "evaluate": _evaluate,
    "monitor": _monitor,
    "sql": _sql,
    "cascade": _cascade,
}
