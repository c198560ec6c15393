"""The ``taizhang`` command. ``parse``, ``units`` and ``keys init`` need no database; every other
sub-command is a Django management command (``taizhang demo``, ``taizhang tick``, ``taizhang migrate``,
``taizhang keys rotate`` …)."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections import Counter
from pathlib import Path

from taizhang.docparse import Document, ParseError, parse
from taizhang.lib.columns import display_width, pad
from taizhang.lib.i18n import cli_language, said

EXIT_BAD_INPUT = 2


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("parse", "units", "keys") and argv[:2] != ["keys", "rotate"]:
        return _plain(argv)
    if not argv or argv[0] in ("-h", "--help"):
        _parser().print_help()
        print(
            said(
                "\n其他子命令（demo、tick、migrate…）由 Django 提供",
                "other sub-commands come from Django: taizhang help",
            )
        )
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")
    import django
    from django.core.management import execute_from_command_line
    from django.utils import translation

    django.setup()
    translation.activate(cli_language())  # messages in the operator's language (TAIZHANG_LANGUAGE=en)
    from django.db import OperationalError

    from taizhang.lib.health import NOT_READY_EXIT

    try:
        execute_from_command_line(["taizhang", *argv])
    except OperationalError as exc:
        # A database that is down, starting or missing is an operator's situation, not a bug: one line
        # (a service manager or `compose logs` shows it as is), and a code a retry loop can tell apart.
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(said(f"无法访问数据库：{reason}", f"the database cannot be reached: {reason}"), file=sys.stderr)
        return NOT_READY_EXIT
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="taizhang", description="台账 taizhang — plan documents to a ledger"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help=said("解析方案文件", "parse a plan document (.docx, .xlsx or .txt)"))
    p.add_argument("file", type=Path)
    p.add_argument("--format", choices=("json", "xlsx", "csv"), default="json")
    p.add_argument(
        "-o", "--output", type=Path, help=said("输出文件（xlsx 必填）", "output file (required for xlsx)")
    )
    u = sub.add_parser(
        "units", help=said("统计各单位牵头、配合的任务数", "count tasks per unit across plans")
    )
    u.add_argument("files", type=Path, nargs="+")
    u.add_argument("--format", choices=("table", "json", "csv"), default="table")
    k = sub.add_parser("keys", help=said("国密密钥", "the SM4 and HMAC-SM3 keyring"))
    k_sub = k.add_subparsers(dest="keys_command", required=True)
    i = k_sub.add_parser(
        "init", help=said("新建密钥文件（0600，不覆盖）", "a new keyring file (0600, no overwrite)")
    )
    i.add_argument(
        "--file", type=Path, help=said("默认 $TAIZHANG_KEY_FILE", "defaults to $TAIZHANG_KEY_FILE")
    )
    i.add_argument("--id", default="k1", help=said("密钥标识", "the key id (default k1)"))
    # Listed for the help; it needs the database, so main() hands it to the management command.
    k_sub.add_parser(
        "rotate", help=said("轮换密钥（需数据库）", "rotate: new key, re-encrypt, re-seal (see its --help)")
    )
    return parser


def _plain(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "parse":
            return _parse(args)
        if args.command == "keys":
            return _keys_init(args)
        return _units(args)
    except ParseError as exc:
        name = getattr(args, "file", None)
        print(f"taizhang: {f'{name}: ' if name else ''}{said(exc.zh, exc.en)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # `taizhang parse … | head` closed the pipe: not an error; keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(
            said(
                f"taizhang: 无法写入：{exc.filename or exc}", f"taizhang: cannot write: {exc.filename or exc}"
            ),
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT


def _parse(args) -> int:
    doc = parse(args.file)
    if args.format == "xlsx":
        if args.output is None:
            print(said("taizhang: xlsx 需要 -o 输出文件", "xlsx needs -o OUTPUT"), file=sys.stderr)
            return EXIT_BAD_INPUT
        from taizhang.exports.plan import write_plan_xlsx

        _atomic_write(args.output, lambda f: write_plan_xlsx(f, doc, source=args.file.name), binary=True)
        return 0
    if args.format == "csv":
        from taizhang.exports.plan import write_plan_csv

        text = io.StringIO()
        write_plan_csv(text, doc)
        _emit(args.output, "\ufeff" + text.getvalue() if args.output else text.getvalue())
        return 0
    _emit(args.output, json.dumps(doc.to_dict(), ensure_ascii=False, indent=1) + "\n")
    return 0


def _keys_init(args) -> int:
    from taizhang.lib.keys import ENV_FILE, keyring_init

    path = args.file or (Path(os.environ[ENV_FILE]) if os.environ.get(ENV_FILE) else None)
    if path is None:
        print(
            said(
                f"taizhang: 请用 --file 或 {ENV_FILE} 指定密钥文件",
                f"taizhang: name the file: --file or {ENV_FILE}",
            ),
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    try:
        keyring_init(path, kid=args.id)
    except FileExistsError:
        print(
            said(f"taizhang: {path} 已存在，不覆盖", f"taizhang: {path} exists already, not overwritten"),
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except ValueError as exc:
        print(said(f"taizhang: 密钥标识无效：{exc}", f"taizhang: bad key id: {exc}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    print(said(f"{path}: 已新建密钥 {args.id}（仅属主可读）", f"{path}: key {args.id} created, owner-only"))
    return 0


def _units(args) -> int:
    counts: dict[str, Counter] = {}
    for path in args.files:
        try:
            doc: Document = parse(path)
        except ParseError as exc:
            raise ParseError(exc.code, f"{path}: {exc.zh}", f"{path}: {exc.en}") from exc
        for task in doc.tasks:
            for role, names in (
                ("lead", task.lead),
                ("responsible", task.responsible),
                ("cooperating", task.cooperating),
            ):
                for name in names:
                    counts.setdefault(name, Counter())[role] += 1
    rows = sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    if args.format == "json":
        data = [
            {"unit": n, "lead": c["lead"], "responsible": c["responsible"], "cooperating": c["cooperating"]}
            for n, c in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        print("单位,牵头,负责,配合")
        for name, c in rows:
            print(f"{name},{c['lead']},{c['responsible']},{c['cooperating']}")
    else:
        width = max((display_width(n) for n in counts), default=4)
        print(f"{pad('单位', width)}  牵头  负责  配合")
        for name, c in rows:
            print(f"{pad(name, width)}  {c['lead']:>4}  {c['responsible']:>4}  {c['cooperating']:>4}")
    return 0


def _emit(output: Path | None, text: str) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        _atomic_write(output, lambda f: f.write(text.encode("utf-8")), binary=True)


def _atomic_write(path: Path, write, *, binary: bool) -> None:
    """Write to a temporary file and rename it, so a failure never leaves half a file behind."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb" if binary else "w") as f:
            write(f)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
