"""``reportgen import``: edited PDF, DOCX and XLSX read back into YAML, with what changed."""
from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

from ..errors import ExitCode, ImportFailure
from ..importer import import_file
from ..messages import say
from ..output import safe_target, write_atomic
from ..problems import Problem
from .common import form_id, print_problems


def run(args) -> int:

    if args.form:

        form_id(args)
    out_dir = Path(args.output)
    taken: set[Path] = set()
    failed = 0
    for argument in args.inputs:
        path = Path(argument)
        try:
            forms = import_file(path)
        except ImportFailure as exc:
            print_problems([_at(exc.problem, path)], args)
            failed += 1
            continue
        targets = _targets(path, forms, out_dir)
        for imported, target in zip(forms, targets):
            if args.form and imported.form_id and imported.form_id != args.form:
                imported.problems.append(Problem("RG910", "error", "form",
                                                 params={"found": imported.form_id, "expected": args.form}))
            failed += _save(args, path, imported, target, taken)
    return ExitCode.FAILED if failed else ExitCode.OK


def _at(problem: Problem, path: Path) -> Problem:

    return replace(problem, file=str(path))


def _targets(path: Path, forms: list, out_dir: Path) -> list[Path]:
    """One form: DIR/<stem>.yaml; several (a booklet): DIR/<stem>/NN-<project>.yaml."""
    if len(forms) == 1:
        return [safe_target(out_dir, Path(path.stem + ".yaml"))]
    return [safe_target(out_dir, Path(path.stem) / f"{n:02d}-{_safe_name(f.name or f.form_id)}.yaml")
            for n, f in enumerate(forms, start=1)]


def _safe_name(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._")[:60] or "form"


def _save(args, path: Path, imported, target: Path, taken: set[Path]) -> int:
    """Print what changed and write the YAML; return 1 when nothing was written for this form."""
    print_problems([_at(p, path) for p in imported.problems], args)
    errors = imported.failed
    if imported.model is None:
        print(say(f"✗ {path}：有错误，未写出 YAML（读回的数据不成为完整的表单，--force 也无法写出；请按上面的错误修改文件）",
                  f"✗ {path}: errors, no YAML written (what was read is not a whole form, so --force cannot "
                  "write it either; fix the file as the errors above say)"), file=sys.stderr)
        return ExitCode.FAILED
    if errors and not args.force:
        print(say(f"✗ {path}：有错误，未写出 YAML（加 --force 仍写出：有错误的单元格保留文件内嵌的原值）",
                  f"✗ {path}: errors, no YAML written (--force writes it, the cells in error keeping the value "
                  "the file carried)"), file=sys.stderr)
        return ExitCode.FAILED
    if target in taken:
        print(say(f"✗ {path}：结果会与前一个文件写到同一个 {target}，未写出；请分开导入到不同目录",
                  f"✗ {path}: its result would go to {target} like an earlier one's; not written. "
                  "Import them into different folders"), file=sys.stderr)
        return ExitCode.FAILED
    if target.exists() and not args.overwrite:
        print(say(f"✗ {target} 已存在；加 --overwrite 覆盖", f"✗ {target} exists; use --overwrite to replace it"),
              file=sys.stderr)
        return ExitCode.FAILED
    taken.add(target)
    write_atomic(target, imported.yaml)
    if errors:
        print(say(f"⚠ {path} → {target}（--force：有错误的单元格保留了文件内嵌的原值）",
                  f"⚠ {path} → {target} (--force: the cells in error kept the value the file carried)"))
    else:
        print(f"✓ {path} → {target}  ({imported.form_id} {imported.name})")
    for change in imported.changes:
        print(change.format())
    if not imported.changes:
        print(say("  （与文件内嵌的数据相同，无改动）", "  (same as the data the file carries: no changes)"))
    return ExitCode.FAILED if errors else ExitCode.OK
