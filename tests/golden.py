"""Golden cases: small specs under `tests/cases/<name>/` and the output they give.

Each case folder holds `openapi.yaml` (plus any file it refers to), an
optional `options.json` (fields of `pipeline.Request`, e.g.
`{"operations": true}`) and `expected/`: the whole output tree (models,
docs, manifest) as `modelgen generate` writes it, with the package named
after the case. `warnings.txt` beside it lists the warnings, if any.

The pipeline runs in-process. `make golden` (`python -m tests.golden`)
rewrites every `expected/` from the current code; review the change as a
diff. Never edit `expected/` by hand.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

CASES = Path(__file__).resolve().parent / "cases"
SPEC = "openapi.yaml"
EXPECTED = "expected"
WARNINGS = "warnings.txt"
OPTIONS = "options.json"
MANIFEST = ".modelgen/manifest.json"
# Manifest fields that change with every edit of the generator's code or
# templates (not with the output): shown as "*" in the golden manifest.
VOLATILE = ("tool", "templates")


@dataclass(frozen=True)
class Outcome:
    files: dict[str, bytes]  # relative path → bytes, manifest included
    warnings: str


def case_names() -> list[str]:
    return sorted(p.parent.name for p in CASES.glob(f"*/{SPEC}"))


def run_case(name: str) -> Outcome:
    """Generate case `name` in memory: every output file and the warnings."""
    from modelgen.pipeline import Request
    from modelgen.produce import produce
    from modelgen.write import manifest_for

    folder = CASES / name
    options_file = folder / OPTIONS
    options = (
        json.loads(options_file.read_text(encoding="utf-8"))
        if options_file.is_file()
        else {}
    )
    request = Request(
        spec=str(folder / SPEC),
        output=str(folder / EXPECTED),
        package=name,
        **options,
    )
    result = produce(request)
    files = {f.path: f.text.encode("utf-8") for f in result.files}
    meta = dict(result.meta, **{key: "*" for key in VOLATILE})
    files[MANIFEST] = manifest_for(meta, files)
    lines = [d.render().replace(str(folder) + os.sep, "") for d in result.warnings]
    return Outcome(files, "".join(line + "\n" for line in lines))


def expected_files(name: str) -> dict[str, bytes]:
    root = CASES / name / EXPECTED
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def expected_warnings(name: str) -> str:
    path = CASES / name / WARNINGS
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def regenerate(name: str) -> Outcome:
    """Rewrite `expected/` (and `warnings.txt`) of case `name` from the current code."""
    outcome = run_case(name)
    folder = CASES / name
    root = folder / EXPECTED
    shutil.rmtree(root, ignore_errors=True)
    for rel, data in outcome.files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    warnings = folder / WARNINGS
    if outcome.warnings:
        warnings.write_text(outcome.warnings, encoding="utf-8")
    else:
        warnings.unlink(missing_ok=True)
    return outcome


def main(argv: list[str]) -> int:
    import time

    names = argv or case_names()
    unknown = sorted(set(names) - set(case_names()))
    if unknown:
        print(f"no such golden case: {', '.join(unknown)}", file=sys.stderr)
        return 2
    from modelgen.diagnostics import SpecError

    start = time.perf_counter()
    failed = []
    for name in names:
        try:
            outcome = regenerate(name)
        except SpecError as exc:  # a golden case must generate: report it, go on
            failed.append(name)
            for item in exc.diagnostics:
                print(f"{name}: error: {item.render()}", file=sys.stderr)
            continue
        print(f"{name}: {len(outcome.files)} files")
    took = time.perf_counter() - start
    print(f"regenerated {len(names) - len(failed)} golden cases in {took:.1f} s")
    if failed:
        print(
            f"failed (expected/ left as it was): {', '.join(failed)}", file=sys.stderr
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
