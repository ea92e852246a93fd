"""A generated package as an application developer uses it.

`python -m tests.usability SPEC [SPEC ...]` (or the tests in
`test_usability.py`) generates each spec into a scratch folder and checks,
on the generated code itself:

- every Example block of the docs runs with warnings as errors (each builds
  the model from its wire-name payload *and* by keyword with the Python
  attribute names, and asserts both give the same `to_dict()`);
- every declared attribute whose Python name differs from its wire name is
  set by its Python name and by its wire name alike;
- assigning a value of the wrong type to a typed attribute raises;
- every property with a description in the spec has it at runtime
  (`model_fields[...].description`);
- `ruff check` with ruff's default rules and with `--select E,F,W,I,UP,B`
  (the package's target version),
  `black --check`, and optionally `mypy --strict` and pyright are clean.

Prints one line per problem; exit status 1 when there is any.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BIN = Path(sys.executable).parent
FENCE = re.compile(r"^(`{3,})python\n(.*?)^\1$", re.M | re.S)

RUNTIME_CHECK = r"""
import importlib, json, sys, warnings
warnings.simplefilter("error")
pkg, expected_path = sys.argv[1], sys.argv[2]
with open(expected_path) as handle:
    expected = json.load(handle)
models = importlib.import_module(pkg + ".models")
base = importlib.import_module(pkg + ".models._base")
from pydantic import ValidationError
problems = []
for name, fields in expected.items():
    if name not in models.__all__:
        continue  # skipped by --keep-going
    cls = getattr(models, name)
    for attr, (wire, description) in fields.items():
        info = cls.model_fields.get(attr)
        if info is None:
            problems.append(f"{name}.{attr}: not a field")
            continue
        if description and not info.description:
            problems.append(f"{name}.{attr}: description missing at runtime")
        elif description and " ".join(description.split())[:40] not in " ".join(
            (info.description or "").split()
        ):
            problems.append(f"{name}.{attr}: description differs at runtime")
        if attr != wire:
            if info.validation_alias != wire or info.serialization_alias != wire:
                problems.append(f"{name}.{attr}: wire name {wire!r} not its alias")
print(json.dumps(problems))
"""

ASSIGN_CHECK = r"""
import importlib, json, sys, warnings
warnings.simplefilter("error")
from pydantic import ValidationError
pkg, examples_path = sys.argv[1], sys.argv[2]
models = importlib.import_module(pkg + ".models")
problems, tried = [], 0
with open(examples_path) as handle:
    payloads = json.load(handle)
for name, payload in payloads.items():
    cls = getattr(models, name)
    instance = cls.from_dict(payload)
    for attr, info in cls.model_fields.items():
        if info.annotation is object or "Any" in repr(info.annotation):
            continue
        try:
            setattr(instance, attr, object())
        except ValidationError:
            tried += 1
        else:
            problems.append(f"{name}.{attr}: assigning object() did not raise")
        break
print(json.dumps({"problems": problems, "tried": tried}))
"""


def generate(spec: Path, out: Path, python_version: str = "3.10") -> None:
    result = subprocess.run(
        [sys.executable, "-m", "modelgen", "generate", str(spec), "-o", str(out)]
        + ["-q", "--keep-going", "--python-version", python_version],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{spec.name}: generate failed: {result.stderr[-500:]}")


def expected_fields(spec: Path) -> dict[str, dict[str, tuple[str, str]]]:
    """{model: {attr: (wire, description)}} of the object models, from the IR."""
    from modelgen import targets
    from modelgen.build import build_document
    from modelgen.load import load_spec

    names = targets.get("pydantic").names
    document, _ = build_document(load_spec(str(spec)), names=names)
    return {
        m.name: {f.attr: (f.name, f.description) for f in m.fields}
        for m in document.models
        if m.kind == "object"
    }


def examples(out: Path) -> list[tuple[str, str]]:
    """(page, code) of every Example block."""
    found = []
    for page in sorted((out / "docs").glob("*.md")):
        for match in FENCE.finditer(page.read_text(encoding="utf-8")):
            found.append((page.name, match.group(2)))
    return found


def typecheck_examples(out: Path) -> list[str]:
    """pyright's errors on the Example blocks, each a module of its own (empty
    when pyright is not installed): what a user pasting one into an app sees."""
    if not shutil.which("pyright", path=str(BIN)):
        return []
    folder = out.parent / f"_examples_{out.name}"
    folder.mkdir(exist_ok=True)
    for index, (page, code) in enumerate(examples(out)):
        name = re.sub(r"\W", "_", page.removesuffix(".md"))
        (folder / f"ex_{index}_{name}.py").write_text(code, encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "pyright"), "--pythonpath", sys.executable, folder.name],
        cwd=out.parent,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    return [line.strip() for line in result.stdout.splitlines() if " - error" in line]


def run_examples(out: Path) -> list[str]:
    """Runs every example in one interpreter, each in a fresh namespace, `-W error`."""
    blocks = examples(out)
    script = out.parent / f"_examples_{out.name}.py"
    script.write_text(
        "import sys, traceback, warnings\n"
        "warnings.simplefilter('error')\n"
        f"blocks = {blocks!r}\n"
        "bad = 0\n"
        "for page, code in blocks:\n"
        "    try:\n"
        "        exec(compile(code, page, 'exec'), {'__name__': '__example__', 'print': lambda *a: None})\n"
        "    except BaseException as exc:\n"
        "        bad += 1\n"
        "        print(f'{page}: example fails: {type(exc).__name__}: {str(exc)[:300]}')\n"
        "print(f'ran {len(blocks)} examples, {bad} failed', file=sys.stderr)\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", str(script)],
        cwd=out.parent,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    problems = [line for line in result.stdout.splitlines() if line]
    print(result.stderr.strip().splitlines()[-1:], file=sys.stderr)
    if result.returncode != 0:
        problems.append(f"examples: interpreter failed: {result.stderr[-500:]}")
    return problems


def example_payloads(out: Path) -> dict[str, object]:
    """The wire-name payload of each object model's Example, by model name."""
    found: dict[str, object] = {}
    for page, code in examples(out):
        match = re.search(
            r"^payload = (.*?)^instance = (\w+)\.from_dict", code, re.M | re.S
        )
        if match:
            found[match.group(2)] = eval(match.group(1), {})  # our own literal
    return found


def lint(out: Path, python_version: str, typecheck: bool) -> list[str]:
    target = "py" + python_version.replace(".", "")
    ruff = [str(BIN / "ruff"), "check", "--no-cache", "--isolated"]
    options = ["--target-version", target, "--output-format", "concise", out.name]
    commands = [
        ruff + ["--select", "E,F,W,I,UP,B"] + options,
        ruff + options,  # ruff's own default rules
        [str(BIN / "black"), "--check", "-q", out.name],
    ]
    if typecheck:
        commands.append([str(BIN / "mypy"), "--strict", "--no-incremental", out.name])
        if shutil.which("pyright", path=str(BIN)):
            commands.append([str(BIN / "pyright"), out.name])
    problems = []
    for command in commands:
        result = subprocess.run(
            command, cwd=out.parent, capture_output=True, text=True, timeout=3600
        )
        if result.returncode != 0:
            tool = Path(command[0]).name
            lines = (result.stdout + result.stderr).strip().splitlines()
            problems.append(f"{tool}: " + " | ".join(lines[:5] + lines[-1:]))
    return problems


def check(
    spec: Path, work: Path, python_version: str = "3.10", typecheck: bool = False
) -> list[str]:
    """Every problem found in the package generated from `spec` (empty: none)."""
    out = work / "pkg"
    generate(spec, out, python_version)
    problems = run_examples(out)
    data = work / "expected.json"
    data.write_text(json.dumps(expected_fields(spec)), encoding="utf-8")
    problems += _run(RUNTIME_CHECK, work, data)
    payloads = work / "payloads.json"
    payloads.write_text(json.dumps(example_payloads(out)), encoding="utf-8")
    assigned = _run(ASSIGN_CHECK, work, payloads)
    if isinstance(assigned, dict):
        problems += assigned["problems"]
        print(f"assignment rejected on {assigned['tried']} models", file=sys.stderr)
    else:
        problems += assigned
    problems += lint(out, python_version, typecheck)
    return problems


def _run(code: str, work: Path, data: Path) -> object:
    script = work / "_check.py"
    script.write_text(code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), "pkg", str(data)],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode != 0:
        return [f"runtime check failed: {result.stderr[-800:]}"]
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    typecheck = "--typecheck" in argv
    specs = [Path(a) for a in argv if not a.startswith("--")]
    bad = 0
    for spec in specs:
        with tempfile.TemporaryDirectory() as work:
            problems = check(spec, Path(work), typecheck=typecheck)
        for line in problems:
            print(f"{spec.name}: {line}")
        print(f"{spec.name}: {len(problems)} problems", file=sys.stderr)
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main(sys.argv[1:]))
