"""Command line: arguments -> settings -> runner -> renderer. Nothing else lives here.

Exit codes: 0 no findings, 1 findings remain (or --diff found changes), 2 usage, config or I/O error.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

from . import __version__, baseline
from .linter import Linter
from .registry import SelectionError
from .render import FORMATS
from .progress import Progress, by_code
from .runner import FileResult, Job, absorb, process_stdin, results as run_results
from .sink import FindingSink
from .settings import ConfigError, Overrides, settings_for
from .settings import discover as discover_settings
from .sources import SourceError, discover
from corpuslint.rules.grammar.config import GrammarUnavailable

COMMANDS = ("check", "rule", "rules", "baseline", "report", "version")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


def _codes(values) -> tuple[str, ...]:
    out = []
    for v in values or ():
        out += [c.strip() for c in v.split(",") if c.strip()]
    return tuple(out)


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="files or folders ('-' reads stdin); default: .")
    sel = p.add_argument_group("rule selection")
    sel.add_argument("--select", action="append", metavar="CODES", help="only these codes/prefixes (or ALL)")
    sel.add_argument("--extend-select", action="append", metavar="CODES", help="add these to the selection")
    sel.add_argument("--ignore", action="append", metavar="CODES", help="drop these codes/prefixes")
    inp = p.add_argument_group("input")
    inp.add_argument("--config", help="use this corpuslint.yaml or pyproject.toml instead of searching")
    inp.add_argument("--lang", help="language of every document (default: detect per document)")
    inp.add_argument("--text-field", help="JSONL field holding the text (default: text)")
    inp.add_argument("--id-field", help="JSONL field holding the document id (default: id)")
    inp.add_argument("--include", action="append", metavar="GLOB", help="file name globs to lint in folders")
    inp.add_argument("--exclude", action="append", metavar="GLOB", help="globs to skip in folders")
    inp.add_argument("--stdin-filename", help="the name of the text read from stdin ('-')")
    inp.add_argument("--encoding", help="read (and write) files in this encoding instead of UTF-8/BOM")
    inp.add_argument("--no-grammar", action="store_true", help="switch grammar checking off")
    run_ = p.add_argument_group("run")
    run_.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: all cores)")
    run_.add_argument("--no-cache", action="store_true", help="neither read nor write the results cache")
    run_.add_argument("--cache-dir", help="cache folder (default: .corpuslint_cache beside the config)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="corpuslint", description="Find and fix scraping debris in text corpora.")
    parser.add_argument("--version", action="version", version=f"corpuslint {__version__}")
    sub = parser.add_subparsers(dest="command")

    check = sub.add_parser("check", help="lint files (the default command)")
    _add_input_options(check)
    fx = check.add_argument_group("fixes")
    fx.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    fx.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    fx.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    fx.add_argument("--output", help="with --fix on one file: write the fixed file here, leave the input as is")
    out = check.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS, default=None, help="output format (default: text)")
    out.add_argument("-o", "--output-file", help="write the report here instead of stdout")
    out.add_argument("--statistics", action="store_true", help="print counts per code")
    out.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary")
    out.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    out.add_argument("--baseline", help="report only findings not recorded in this baseline file")
    out.add_argument("--progress", choices=("auto", "on", "off"), default="auto",
                     help="progress bar on stderr (auto: on a terminal, for long runs)")

    rule = sub.add_parser("rule", help="explain a rule")
    rule.add_argument("code")
    rule.add_argument("--format", choices=("text", "json"), default="text")

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")

    base = sub.add_parser("baseline", help="record today's findings so that only new ones fail later")
    _add_input_options(base)
    base.add_argument("-o", "--output", default="corpuslint-baseline.json", help="baseline file to write")

    rep = sub.add_parser("report", help="write a self-contained HTML report")
    _add_input_options(rep)
    rep.add_argument("-o", "--output", default="corpuslint-report.html", help="HTML file to write")
    rep.add_argument("--unsafe-fixes", action="store_true", help="show unsafe fixes too")

    sub.add_parser("version", help="print the version")
    return parser


def _overrides(args) -> Overrides:
    return Overrides(
        select=_codes(args.select) or None, extend_select=_codes(args.extend_select), ignore=_codes(args.ignore),
        lang=args.lang, text_field=args.text_field, id_field=args.id_field,
        include=tuple(args.include) if args.include else None, exclude=tuple(args.exclude or ()),
        no_grammar=args.no_grammar, config=args.config,
    )


def _rule_infos() -> list[dict]:
    """Every rule's metadata and docs (for SARIF and the report), user pack rules included."""
    return [{**cls.info(), "docs": cls.docs()} for cls in _configured_rules().values()]


def _validate_settings(settings) -> None:
    """Fail fast, in this process, on what the workers would otherwise trip over: selection, grammar, packs."""
    Linter.for_path(settings, None)


def _collect(args, job: Job) -> tuple[list[FileResult], dict[str, str]]:
    """Run the linter over the arguments; returns results and fixed stdin text (if any)."""
    merged: dict[str, FileResult] = {}
    stdin_out: dict[str, str] = {}
    for piece, new in _pieces(args, job):
        if new is not None:
            stdin_out[piece.path] = new
        if piece.path in merged:
            absorb(merged[piece.path], piece)
        else:
            merged[piece.path] = piece
    return list(merged.values()), stdin_out


def _pieces(args, job: Job, progress: Progress | None = None):
    """(result piece, fixed stdin text or None) as they come: stdin first, then the files in order."""
    ov = _overrides(args)
    paths = args.paths or ["."]
    files = [p for p in paths if p != "-"]
    _validate_settings(settings_for(files[0] if files else None, ov))
    if "-" in paths:
        name = args.stdin_filename or "<stdin>"
        data = sys.stdin.buffer.read()
        try:
            text = data.decode(args.encoding or "utf-8")
        except UnicodeDecodeError as exc:
            raise SourceError(f"{name}: stdin is not valid {args.encoding or 'utf-8'} at byte {exc.start}")
        res, new = process_stdin(text, name, settings_for(args.stdin_filename, ov), job)
        yield res, new
    if files:
        targets = discover(files, ov)
        for s in {t.settings for t in targets}:  # every nested config, once
            _validate_settings(s)
        if progress is not None:
            progress.begin(sum(_size(t.path) for t in targets))
        for piece in run_results(targets, job, args.jobs, on_done=progress):
            yield piece, None


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def cmd_check(args) -> int:
    if args.diff and args.fix:
        raise UsageError("--diff and --fix exclude each other")
    mode = "diff" if args.diff else "fix" if args.fix else "check"
    if args.output and mode != "fix":
        raise UsageError("--output goes with --fix")
    job = Job(mode=mode, unsafe=args.unsafe_fixes, encoding=args.encoding, use_cache=not args.no_cache,
              cache_dir=args.cache_dir, output=args.output)
    if args.output and (len(args.paths) != 1 or os.path.isdir(args.paths[0])):
        raise UsageError("--output needs exactly one input file")
    t0 = time.perf_counter()
    fmt = args.format or "text"
    out = sys.stdout
    known = baseline.load(args.baseline) if args.baseline else None
    stdin_to_stdout = mode == "fix" and "-" in (args.paths or []) and not args.output_file
    # Findings are written as they come (see sink.py): a corpus never sits in memory.
    report = open(args.output_file, "w", encoding="utf-8") if args.output_file and mode != "diff" else None
    sink = FindingSink(fmt, None if mode == "diff" or stdin_to_stdout else report or out, rules=_rule_infos(),
                       color=report is None and out.isatty() and not os.environ.get("NO_COLOR"), known=known)
    progress = Progress.for_cli(args.progress, args.quiet)
    docs = fixed = errors = 0
    changed = unconverged = False
    try:
        for res, new_text in _pieces(args, job, progress):
            sink.add(res.findings)
            if mode == "diff":
                out.write(res.diff)
            elif stdin_to_stdout and new_text is not None:
                out.write(new_text)  # like ruff: the fixed text goes to stdout
            for n in res.notices:
                progress.write(f"note: {n}\n")
            for e in res.errors:
                progress.write(f"error: {e}\n")
            docs += res.documents
            fixed += res.fixed
            errors += len(res.errors)
            changed = changed or res.changed
            unconverged = unconverged or bool(res.unconverged)
    finally:
        progress.close()
        sink.close()
        if report is not None:
            report.close()
    n = sink.count
    if args.statistics:
        for code, count in sink.by_code.most_common():
            extra = f"  [fixable: {sink.fixable[code]}]" if sink.fixable[code] else ""
            sys.stderr.write(f"{count:6d}  {code}  {sink.names[code]}{extra}\n")
    if not args.quiet and fmt in ("text", "concise") and mode != "diff":
        msg = f"Found {n} finding{'s' * (n != 1)} in {docs} document{'s' * (docs != 1)}"
        if mode == "fix":
            msg = f"Fixed {fixed}; " + msg[0].lower() + msg[1:] + " remaining"
        elif sink.safe or sink.unsafe:
            msg += f"; {sink.safe} fixable with --fix, {sink.unsafe} more with --unsafe-fixes"
        spent = time.perf_counter() - t0
        rate = f", {docs / spent:,.0f} documents/s" if docs >= 1000 and spent > 0 else ""
        sys.stderr.write(f"{msg} ({spent:.2f}s{rate}).\n")
        if n and (docs >= 100 or progress.enabled) and not args.statistics:  # a corpus run
            sys.stderr.write(f"  by code: {by_code(sink.by_code)}\n")
    if unconverged:
        sys.stderr.write("warning: fixes did not converge on some documents (a rule keeps re-fixing): please report it\n")
    if errors:
        return EXIT_ERROR
    if mode == "diff":
        return EXIT_FINDINGS if changed else EXIT_CLEAN
    return EXIT_CLEAN if args.exit_zero or not n else EXIT_FINDINGS


def _configured_rules() -> dict:
    """Built-in rules plus the user packs of the config found from the current folder."""
    return Linter.for_path(settings_for(None, Overrides()), None).all_rules


def cmd_rule(args) -> int:
    rules = _configured_rules()
    code = args.code.upper()
    cls = rules.get(code) or next((r for r in rules.values() if r.name == args.code), None)
    if cls is None:
        raise UsageError(f"unknown rule {args.code!r} (see `corpuslint rules`)")
    if args.format == "json":
        print(json.dumps({**cls.info(), "docs": cls.docs()}, ensure_ascii=False, indent=2))
        return EXIT_CLEAN
    docs = cls.docs()
    print(f"# {cls.name} ({cls.code})\n")
    print(docs["summary"] + "\n")
    langs = ", ".join(cls.languages) if "*" not in cls.languages else "all"
    print(f"Category: {cls.category}. Languages: {langs}. Default: {'on' if cls.default_enabled else 'off'}. "
          f"Fix: {cls.fix_applicability}.\n")
    for title in ("What it does", "Why is this bad?", "Example", "Fix safety"):
        if title in docs:
            print(f"## {title}\n{docs[title]}\n")
    return EXIT_CLEAN


def cmd_rules(args) -> int:
    infos = [cls.info() for cls in _configured_rules().values()]
    if args.format == "json":
        print(json.dumps(infos, ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        print(rules_markdown(infos), end="")
    else:
        for i in infos:
            print(f"{i['code']}  {i['name']:28s} {i['category']:12s} "
                  f"{'on ' if i['default'] else 'off'}  fix:{i['fix']:9s} {i['summary']}")
    return EXIT_CLEAN


def rules_markdown(infos: list[dict]) -> str:
    """The README's rule table (a test keeps the README in step with the code table)."""
    rows = ["| Code | Name | Category | Languages | Default | Fix | What it finds |",
            "|---|---|---|---|---|---|---|"]
    for i in infos:
        langs = "all" if "*" in i["languages"] else ", ".join(i["languages"])
        rows.append(f"| {i['code']} | {i['name']} | {i['category']} | {langs} | "
                    f"{'on' if i['default'] else 'off'} | {i['fix']} | {i['summary']} |")
    return "\n".join(rows) + "\n"


def cmd_baseline(args) -> int:
    job = Job(mode="check", use_cache=not args.no_cache, cache_dir=args.cache_dir, encoding=args.encoding)
    results, _ = _collect(args, job)
    errors = [e for r in results for e in r.errors]
    for e in errors:
        sys.stderr.write(f"error: {e}\n")
    if errors:
        return EXIT_ERROR
    n = baseline.write([f for r in results for f in r.findings], args.output)
    sys.stderr.write(f"Recorded {n} finding{'s' * (n != 1)} in {args.output}.\n")
    return EXIT_CLEAN


def cmd_report(args) -> int:
    from .report import write_report

    job = Job(mode="check", use_cache=not args.no_cache, cache_dir=args.cache_dir, encoding=args.encoding)
    results, _ = _collect(args, job)
    for e in (e for r in results for e in r.errors):
        sys.stderr.write(f"error: {e}\n")
    write_report(results, args.output, rules=_rule_infos(), unsafe=args.unsafe_fixes)
    sys.stderr.write(f"Wrote {args.output}.\n")
    return EXIT_CLEAN


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "check")  # `corpuslint --fix FILES` is `corpuslint check --fix FILES`
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    handlers = {"check": cmd_check, "rule": cmd_rule, "rules": cmd_rules, "baseline": cmd_baseline,
                "report": cmd_report}
    if args.command == "version":
        print(f"corpuslint {__version__}")
        return EXIT_CLEAN
    discover_settings.cache_clear()  # config files may have changed since the last in-process call
    try:
        return handlers[args.command](args)
    except (UsageError, SelectionError, ConfigError, SourceError, baseline.BaselineError, GrammarUnavailable) as exc:
        sys.stderr.write(f"corpuslint: error: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("corpuslint: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
