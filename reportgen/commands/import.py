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
        print(say("commands.import.not-whole", path=path), file=sys.stderr)
        return ExitCode.FAILED
    if errors and not args.force:
        print(say("commands.import.errors", path=path), file=sys.stderr)
        return ExitCode.FAILED
    if target in taken:
        print(say("commands.import.clash", path=path, target=target), file=sys.stderr)
        return ExitCode.FAILED
    if target.exists() and not args.overwrite:
        print(say("commands.import.exists", target=target),
              file=sys.stderr)
        return ExitCode.FAILED
    taken.add(target)
    write_atomic(target, imported.yaml)
    if errors:
        print(say("commands.import.forced", path=path, target=target))
    else:
        print(f"✓ {path} → {target}  ({imported.form_id} {imported.name})")
    for change in imported.changes:
        print(change.format())
    if not imported.changes:
        print(say("commands.import.unchanged"))
    return ExitCode.FAILED if errors else ExitCode.OK
