"""Real-world corpus: every spec either generates a package that imports and
type-checks, or is refused with clean `FILE#/POINTER: message` errors.

Specs come from ``../shared/specs/openai/*.yaml`` and ``../shared/specs/corpus/``
(top-level files, plus multi-file folders whose entry file is named in
``MANIFEST.tsv``). For each spec ``modelgen generate SPEC --output TMP/pkg
--no-docs`` runs in a subprocess and must

* exit 0, after which ``import pkg.models`` succeeds in a fresh interpreter and
  ``mypy --strict pkg`` passes; or
* exit 2, with every stderr line of the form ``modelgen: error: FILE#/POINTER...``.

Exit 3 (internal error) or a traceback is always a failure.

The default run covers the specs up to 1 MB and the import check only.
The big specs and the mypy check are marked ``slow`` (``make full``).
"""

from __future__ import annotations

import collections
import csv
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SPECS = SHARED / "specs"
CORPUS = SPECS / "corpus"
OPENAI = SPECS / "openai"

BIG_BYTES = 1_000_000  # specs larger than this are marked slow

ERROR_PREFIX = "modelgen: error: "
PACKAGE = "pkg"


@dataclass(frozen=True)
class Spec:
    id: str  # e.g. "corpus/kubernetes.json", "corpus/digitalocean"
    path: Path  # the file given to modelgen
    size: int  # bytes (for a multi-file spec, all of its files)

    @property
    def big(self) -> bool:
        return self.size > BIG_BYTES

    @property
    def timeout(self) -> int:
        """Seconds allowed for generating (and twice that for checking) this spec."""
        return 3600 if self.big else 300


def _manifest() -> dict[str, dict[str, str]]:
    path = CORPUS / "MANIFEST.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["name"]: row
            for row in csv.DictReader(handle, delimiter="\t")
            if row.get("name")
        }


def _folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _folder_entry(folder: Path, row: dict[str, str] | None) -> Path | None:
    """The main file of a multi-file spec folder.

    MANIFEST.tsv says it in the `features` column (`multi-file folder, entry
    X.yaml; ...`); without that, the single top-level file that declares
    `openapi:` or `swagger:`.
    """
    if row:
        match = re.search(r"\bentry\s+([^\s;,]+)", row.get("features", ""))
        if match and (folder / match.group(1)).is_file():
            return folder / match.group(1)
    candidates = []
    for item in sorted(folder.iterdir()):
        if item.is_file() and item.suffix in (".yaml", ".yml", ".json"):
            head = item.read_text(encoding="utf-8", errors="replace")[:4096]
            if re.search(r"""^\s*["']?(openapi|swagger)["']?\s*:""", head, re.M):
                candidates.append(item)
    return candidates[0] if len(candidates) == 1 else None


def collect_specs() -> list[Spec]:
    specs: list[Spec] = []
    if OPENAI.is_dir():
        for path in sorted(OPENAI.glob("*.yaml")):
            specs.append(Spec(f"openai/{path.name}", path, path.stat().st_size))
    if CORPUS.is_dir():
        manifest = _manifest()
        for item in sorted(CORPUS.iterdir()):
            if (
                item.is_file()
                and item.suffix in (".yaml", ".json")
                and item.stem.upper() not in ("MANIFEST", "README")
            ):
                specs.append(Spec(f"corpus/{item.name}", item, item.stat().st_size))
            elif item.is_dir() and item.name != "licenses":
                row = manifest.get(item.name)
                entry = _folder_entry(item, row)
                if entry is None:
                    continue  # not a spec folder we can identify
                size = (
                    int(row["size_bytes"])
                    if row and row.get("size_bytes", "").isdigit()
                    else _folder_size(item)
                )
                specs.append(Spec(f"corpus/{item.name}", entry, size))
    return specs


SPEC_LIST = collect_specs()


def _param(spec: Spec, *, mypy: bool = False) -> object:
    marks = [pytest.mark.slow] if (spec.big or mypy) else []
    return pytest.param(spec, id=spec.id, marks=marks)


# ---------------------------------------------------------------- running


@dataclass
class Outcome:
    spec: Spec
    out: Path  # TMP/pkg
    returncode: int
    stdout: str
    stderr: str
    seconds: float


def _modelgen_command() -> list[str]:
    script = Path(sys.executable).with_name("modelgen")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "modelgen"]


def _run_generate(spec: Spec, tmp: Path) -> Outcome:
    out = tmp / PACKAGE
    start = time.perf_counter()
    result = subprocess.run(
        [
            *_modelgen_command(),
            "generate",
            str(spec.path),
            "--output",
            str(out),
            "--no-docs",
        ],
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=spec.timeout,
    )
    seconds = time.perf_counter() - start
    print(
        f"\n[corpus] generate {spec.id} ({spec.size:,} bytes): exit {result.returncode} in {seconds:.1f}s"
    )
    return Outcome(spec, out, result.returncode, result.stdout, result.stderr, seconds)


_OUTCOMES: dict[str, Outcome] = {}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """`generated(spec)`: the generate outcome, computed once per spec per session."""
    if not SPECS.is_dir():
        pytest.skip(f"{SPECS} is missing (../shared is not beside the repo)")

    def get(spec: Spec) -> Outcome:
        if spec.id not in _OUTCOMES:
            tmp = tmp_path_factory.mktemp(re.sub(r"[^A-Za-z0-9]+", "_", spec.id))
            _OUTCOMES[spec.id] = _run_generate(spec, tmp)
        return _OUTCOMES[spec.id]

    return get


def _tail(text: str, limit: int = 3000) -> str:
    return text if len(text) <= limit else "…" + text[-limit:]


def check_exit(outcome: Outcome) -> None:
    """Exit 0, or exit 2 with clean `FILE#/POINTER` error lines; never 3 or a traceback."""
    where = f"{outcome.spec.id}: exit {outcome.returncode}"
    assert (
        "Traceback (most recent call last)" not in outcome.stderr
    ), f"{where}: traceback\n{_tail(outcome.stderr)}"
    assert outcome.returncode in (
        0,
        2,
    ), f"{where} (3 = internal error)\n{_tail(outcome.stderr)}"
    if outcome.returncode == 2:
        lines = [line for line in outcome.stderr.splitlines() if line.strip()]
        assert lines, f"{where}: no error message on stderr"
        bad = [line for line in lines if not line.startswith(ERROR_PREFIX)]
        assert (
            not bad
        ), f"{where}: stderr lines without {ERROR_PREFIX!r}:\n" + "\n".join(bad[:10])
        unplaced = [line for line in lines if "#/" not in line]
        assert (
            not unplaced
        ), f"{where}: errors that name no JSON pointer:\n" + "\n".join(unplaced[:10])
    else:
        assert (
            outcome.out / "models" / "__init__.py"
        ).is_file(), f"{where}: no models package written"


def _require_package(outcome: Outcome) -> None:
    check_exit(outcome)
    if outcome.returncode != 0:
        pytest.skip(
            f"{outcome.spec.id} was refused (exit 2) with clean errors; nothing to import"
        )


# ------------------------------------------------------------------ tests


def test_corpus_found() -> None:
    if not SPECS.is_dir():
        pytest.skip(f"{SPECS} is missing (../shared is not beside the repo)")
    ids = [s.id for s in SPEC_LIST]
    assert any(i.startswith("openai/") for i in ids) and any(
        i.startswith("corpus/") for i in ids
    ), ids
    # every multi-file folder listed in the manifest must resolve to an entry file
    folders = [n for n in _manifest() if (CORPUS / n).is_dir()]
    assert all(f"corpus/{n}" in ids for n in folders), (folders, ids)


@pytest.mark.parametrize("spec", [_param(s) for s in SPEC_LIST])
def test_generate_and_import(spec: Spec, generated) -> None:  # type: ignore[no-untyped-def]
    outcome = generated(spec)
    _require_package(outcome)
    result = subprocess.run(
        [sys.executable, "-c", f"import {PACKAGE}.models"],
        cwd=outcome.out.parent,
        capture_output=True,
        text=True,
        timeout=2 * spec.timeout,
        env={
            k: v
            for k, v in os.environ.items()
            if k not in ("PYTHONPATH", "PYTHONSTARTUP")
        },
    )
    assert (
        result.returncode == 0
    ), f"{spec.id}: `import {PACKAGE}.models` failed\n{_tail(result.stderr)}"


MYPY_ERROR = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?:\d+:)? error: (?P<msg>.*?)(?:\s+\[(?P<code>[a-z0-9-]+)\])?$"
)


def summarize_mypy(output: str, examples: int = 3) -> str:
    """Errors counted by mypy error code, with a few example lines of each."""
    by_code: dict[str, list[str]] = collections.defaultdict(list)
    for line in output.splitlines():
        match = MYPY_ERROR.match(line)
        if match:
            by_code[match.group("code") or "?"].append(line)
    if not by_code:
        return _tail(output)
    parts = []
    for code, lines in sorted(by_code.items(), key=lambda kv: -len(kv[1])):
        parts.append(f"[{code}] x{len(lines)}")
        parts.extend(f"    {line}" for line in lines[:examples])
    summary = output.strip().splitlines()[-1] if output.strip() else ""
    return "\n".join(parts + [summary])


@pytest.mark.parametrize("spec", [_param(s, mypy=True) for s in SPEC_LIST])
def test_mypy_strict(spec: Spec, generated) -> None:  # type: ignore[no-untyped-def]
    outcome = generated(spec)
    _require_package(outcome)
    cache = outcome.out.parent / ".mypy_cache"
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(cache),
            "--hide-error-context",
            "--no-pretty",
            "--show-error-codes",
            PACKAGE,
        ],
        cwd=outcome.out.parent,
        capture_output=True,
        text=True,
        timeout=7200,  # slow-marked: mypy on a big package takes long
    )
    print(
        f"\n[corpus] mypy {spec.id}: exit {result.returncode} in {time.perf_counter() - start:.1f}s"
    )
    shutil.rmtree(cache, ignore_errors=True)
    assert (
        result.returncode == 0
    ), f"{spec.id}: mypy --strict failed\n{summarize_mypy(result.stdout + result.stderr)}"
