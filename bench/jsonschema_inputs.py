"""How many plain JSON Schema documents generate, import, and round-trip.

    python bench/jsonschema_inputs.py docs DIR...      # every *.json / *.yaml in DIR: generate + import
    python bench/jsonschema_inputs.py suite DIR [N]    # JSON-Schema-Test-Suite files in DIR: the
        groups whose schema describes an object, N at most; valid instances must round-trip
        (from_dict(x).to_dict() == x), invalid ones should be rejected

Prints one line of figures and the failures by first error line.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from modelgen.diagnostics import SpecError
from modelgen.pipeline import Request, generate


def make(spec: Path, out: Path) -> str:
    """'ok', or why not ('exit 2: …' for a refused document, 'crash: …' for a bug)."""
    try:
        generate(Request(str(spec), str(out), docs=False))
    except SpecError as exc:
        return "exit 2: " + exc.diagnostics[0].message[:90]
    except Exception as exc:  # noqa: BLE001 (a figure, not a test)
        return f"crash: {type(exc).__name__}: {str(exc)[:80]}"
    return "ok"


CHECK = """
import enum, importlib, json, sys
sys.setrecursionlimit(10000)
results = {}
for name, cases in json.load(open(sys.argv[1])).items():
    try:
        models = importlib.import_module(name + ".models")
        root = getattr(models, cases["root"], None) if cases["root"] else None
        for attribute in getattr(models, "__all__", ()):
            getattr(models, attribute)  # every model class builds
    except Exception as exc:
        results[name] = ["import: " + type(exc).__name__ + ": " + str(exc)[:80]]
        continue
    found = []
    for data, valid in cases["tests"]:
        if root is None:
            break
        try:
            if isinstance(root, type) and issubclass(root, enum.Enum):
                back = root(data).value
            else:
                back = root.from_dict(data).to_dict()
            ok = back == data if valid else False
            found.append("ok" if ok else ("accepted invalid" if not valid else "changed"))
        except Exception as exc:
            found.append("ok" if not valid else "rejected valid")
    results[name] = found
print(json.dumps(results))
"""


def check(work: Path, cases: dict[str, Any]) -> dict[str, list[str]]:
    (work / "cases.json").write_text(json.dumps(cases))
    script = work / "check.py"
    script.write_text(CHECK)
    done = subprocess.run(
        [sys.executable, str(script), str(work / "cases.json")],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    return json.loads(done.stdout)


def root_class(out: Path) -> str:
    """The class of the document's own schema: the first one `__init__` exports."""
    init = (out / "models" / "__init__.py").read_text()
    names = [w.strip(" ,\n()\"'") for w in init.split("__all__", 1)[-1].split(",")]
    return next((n for n in names if n.isidentifier()), "")


def instances(path: Path, count: int = 5) -> list[Any] | None:
    """Valid instances of the document's own schema (hypothesis-jsonschema, checked by
    jsonschema); None when it cannot make them (file references, unsupported keywords).
    """
    import signal

    import jsonschema
    import yaml
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis_jsonschema import from_schema

    found: list[Any] = []
    try:
        text = path.read_text(encoding="utf-8")
        schema = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        check = jsonschema.validators.validator_for(schema)(schema)

        @settings(
            max_examples=count,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(from_schema(schema))
        def collect(value: Any) -> None:
            if check.is_valid(value) and value not in found:
                found.append(value)

        signal.alarm(20)
        collect()
    except BaseException:  # noqa: B036 (any failure: no instances, and the alarm)
        return None
    finally:
        signal.alarm(0)
    return found or None


def typed(spec: Path) -> bool:
    """The document says its `type` (else `properties` alone: objects are what it describes)."""
    import yaml

    text = spec.read_text(encoding="utf-8")
    schema = json.loads(text) if spec.suffix == ".json" else yaml.safe_load(text)
    return isinstance(schema, dict) and "type" in schema


def root_model(spec: Path) -> str:
    """The class of the document's own schema ("" when it is only a holder of definitions)."""
    from modelgen.build import build_document
    from modelgen.load import load_spec

    document, _ = build_document(load_spec(str(spec)))
    return next((m.name for m in document.models if m.source.endswith("#")), "")


def docs(folders: list[str]) -> None:
    work = Path(tempfile.mkdtemp(prefix="mg-js-"))
    outcome: collections.Counter[str] = collections.Counter()
    reasons: collections.Counter[str] = collections.Counter()
    cases: dict[str, Any] = {}
    for folder in folders:
        for spec in sorted(Path(folder).iterdir()):
            if spec.suffix not in (".json", ".yaml", ".yml") or not spec.is_file():
                continue
            name = f"p{len(cases) + sum(outcome.values())}"
            status = make(spec, work / name)
            outcome[status.split(":")[0]] += 1
            if status != "ok":
                reasons[status] += 1
                print(f"{spec.name}: {status}", file=sys.stderr)
            else:
                root = root_model(spec)
                drawn = instances(spec) if root else None
                tests = [
                    (x, True) for x in drawn or [] if typed(spec) or isinstance(x, dict)
                ]
                cases[name] = {"root": root, "tests": tests, "where": spec.name}
    imported = check(work, cases)
    bad = {n: r for n, r in imported.items() if r[:1] and r[0].startswith("import")}
    tally: collections.Counter[str] = collections.Counter()
    for name, found in imported.items():
        if name in bad:
            print(f"{cases[name]['where']}: {found[0]}", file=sys.stderr)
            continue
        tally.update(found)
        for item in found:
            if item != "ok":
                print(f"{cases[name]['where']}: {item}", file=sys.stderr)
    with_instances = sum(1 for n, c in cases.items() if c["tests"] and n not in bad)
    total = sum(tally.values())
    print(
        f"{sum(outcome.values())} documents: {outcome['ok']} generate, "
        f"{outcome['exit 2']} exit 2, {outcome['crash']} crash; "
        f"{len(cases) - len(bad)} of {len(cases)} generated packages import; "
        f"{with_instances} with instances of their own schema: {tally['ok']}/{total} round-trip "
        f"(changed {tally['changed']}, rejected {tally['rejected valid']})"
    )


def describes_object(schema: Any) -> bool:
    return (
        isinstance(schema, dict)
        and (schema.get("type") == "object" or "properties" in schema)
        and not any(isinstance(v, str) and "://" in v for v in _refs(schema))
    )


def _refs(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return [node.get("$ref")] + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def suite(folder: str, limit: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="mg-jsts-"))
    outcome: collections.Counter[str] = collections.Counter()
    cases: dict[str, Any] = {}
    skipped = 0
    for path in sorted(Path(folder).glob("*.json")):
        for index, group in enumerate(json.loads(path.read_text())):
            schema = group["schema"]
            if not describes_object(schema) or sum(outcome.values()) >= limit:
                continue
            schema = dict(schema, title="Doc")
            schema.setdefault("$schema", "https://json-schema.org/draft/2020-12/schema")
            name = f"s{sum(outcome.values())}"
            spec = work / f"{name}.json"
            spec.write_text(json.dumps(schema))
            status = make(spec, work / name)
            outcome[status.split(":")[0]] += 1
            if status != "ok":
                print(f"{path.name}[{index}]: {status}", file=sys.stderr)
                continue
            tests = [(t["data"], t["valid"]) for t in group["tests"]]
            if (
                "type" not in group["schema"]
            ):  # `properties` alone: objects are what it describes
                skipped += sum(1 for data, _ in tests if not isinstance(data, dict))
                tests = [
                    (data, valid) for data, valid in tests if isinstance(data, dict)
                ]
            cases[name] = {
                "root": "Doc",
                "tests": tests,
                "where": f"{path.name}[{index}]",
            }
    results = check(work, cases)
    tally: collections.Counter[str] = collections.Counter()
    for name, found in results.items():
        if found[:1] and found[0].startswith("import"):
            tally["import"] += 1
            print(f"{cases[name]['where']}: {found[0]}", file=sys.stderr)
            found = ["rejected valid" if v else "ok" for _, v in cases[name]["tests"]]
        tally.update(found)
        for item in found:
            if item != "ok":
                print(f"{cases[name]['where']}: {item}", file=sys.stderr)
    valid = sum(1 for c in cases.values() for _, v in c["tests"] if v)
    invalid = sum(1 for c in cases.values() for _, v in c["tests"] if not v)
    print(
        f"{sum(outcome.values())} schemas: {outcome['ok']} generate, {outcome['exit 2']} exit 2, "
        f"{outcome['crash']} crash, {tally['import']} do not import; valid instances round-trip {valid - tally['changed'] - tally['rejected valid']}"
        f"/{valid} (changed {tally['changed']}, rejected {tally['rejected valid']}); "
        f"invalid rejected {invalid - tally['accepted invalid']}/{invalid}; "
        f"{skipped} non-object instances of type-less schemas left out"
    )


if __name__ == "__main__":
    sys.setrecursionlimit(10000)
    os.environ.setdefault("MODELGEN_CACHE_DIR", tempfile.mkdtemp(prefix="mg-cache-"))
    if sys.argv[1] == "docs":
        docs(sys.argv[2:])
    else:
        suite(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 10**9)
