"""The instances of the fidelity harness for one spec, made once and cached.

`prepare(spec, ...)` converts the spec's component schemas
(`fidelity_schema`), draws valid instances with hypothesis-jsonschema and
derives invalid ones by mutation (`fidelity_cases`). `jsonschema` decides
validity: Draft 2020-12, formats not asserted, `pattern` with ECMA-262
semantics (`$` only at the very end, ASCII `\\d`/`\\w`).

The result depends only on the spec, the parameters, these modules and
the library versions, never on a generator, so it is cached as JSON, one
file per component (`fidelity_pool`; MODELGEN_FIDELITY_CACHE, default a
folder in the temp dir; "off": no cache).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import referencing
from referencing.jsonschema import DRAFT202012

import fidelity_pool
from fidelity_cases import draw_valid, mutants
from fidelity_schema import (
    TooLarge,
    convert_components,
    ecma_pattern,
    escape,
    generation_schema,
)

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SHALLOW = 3  # reference depth of the second try when nothing came in time


@dataclass
class Case:
    id: str
    component: str
    valid: bool
    instance: Any
    label: str = ""  # invalid: the mutation, its path and the violated keyword
    keyword: str = ""  # invalid: the JSON Schema keyword it violates


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    if validator.is_type(instance, "string"):
        try:
            matched = re.search(ecma_pattern(pattern), instance) is not None
        except re.error:
            matched = True  # not checkable here: accept, like the unknown
        if not matched:
            yield jsonschema.exceptions.ValidationError(
                f"{instance!r} does not match {pattern!r}"
            )


# Draft 2020-12, formats not asserted, `pattern` with ECMA-262 semantics.
Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator, {"pattern": _ecma_pattern}
)


def load_document(spec: Path) -> dict[str, Any]:
    sys.path.insert(0, str(REPO))
    from modelgen.load import load_spec  # the same YAML reading as modelgen

    return load_spec(str(spec)).root_document


class SpecCases:
    """Valid and invalid instances for the components of one spec."""

    def __init__(self, spec: Path) -> None:
        self.spec = spec
        self.defs = convert_components(load_document(spec))
        resource = DRAFT202012.create_resource({"$defs": self.defs})
        self.registry = referencing.Registry().with_resource("urn:fidelity", resource)

    def validator(self, component: str) -> Any:
        schema = {"$ref": "urn:fidelity#/$defs/" + escape(component)}
        return Validator(schema, registry=self.registry)

    def entry(
        self, component: str, examples: int, per_instance: int, timeout: float
    ) -> dict[str, Any]:
        """The cases of one component as a cache entry (`fidelity_pool`):
        {"cases", "unsupported": why there are none, "short": the time ran out, "seconds"}.
        """
        start = time.monotonic()
        notes: dict[str, str] = {}
        try:
            cases = self.component_cases(
                component, examples, per_instance, timeout, notes
            )
        except (
            referencing.exceptions.Unresolvable,
            jsonschema.exceptions.SchemaError,
            RecursionError,
        ) as exc:
            cases = []
            notes[component] = (
                f"the harness cannot use this schema: {type(exc).__name__}: {exc}"[:300]
            )
        return {
            "cases": [vars(c) for c in cases],
            "unsupported": notes.get(component),
            "short": "short" in notes,
            "seconds": round(time.monotonic() - start, 2),
        }

    def component_cases(
        self,
        component: str,
        examples: int,
        per_instance: int,
        timeout: float,
        unsupported: dict[str, str],
    ) -> list[Case]:
        """Valid and mutated cases; `unsupported[component]` says why there are
        none, `unsupported["short"]` that the time ran out before `examples`."""
        validator = self.validator(component)
        schema: Any = None
        for depth in (
            8,
            4,
            2,
        ):  # big unions: cut nested references sooner (deeper ones become `false`)
            try:
                schema = generation_schema(self.defs, component, max_depth=depth)
                break
            except TooLarge:
                continue
            except RecursionError:
                unsupported[component] = "schema nested too deeply to inline"
                return []
        if schema is None:
            unsupported[component] = (
                "schema too large to inline for hypothesis-jsonschema"
            )
            return []
        drawn = draw_valid(schema, validator.is_valid, examples, timeout)
        if not drawn.instances and drawn.timed_out and depth > SHALLOW:
            # The largest unions (a response holding every kind of item): nothing
            # within the time at full depth, so once more with references cut sooner.
            schema = generation_schema(self.defs, component, max_depth=SHALLOW)
            drawn = draw_valid(schema, validator.is_valid, examples, timeout)
        if drawn.timed_out:
            unsupported["short"] = "time ran out"
        if not drawn.instances:
            unsupported[component] = drawn.problem or "no valid instance generated"
            return []

        def explain(value: Any) -> str | None:
            error = jsonschema.exceptions.best_match(validator.iter_errors(value))
            if error is None:
                return None
            if error.validator == "oneOf" and "valid under each of" in error.message:
                return "oneOf (several match)"
            return str(error.validator)

        cases = [
            Case(f"{component}#v{i}", component, True, x)
            for i, x in enumerate(drawn.instances)
        ]
        for i, x in enumerate(drawn.instances):
            for j, m in enumerate(
                mutants(x, explain, f"{component}/{i}", per_instance)
            ):
                label = f"{m.label} at {m.path or '/'} (violates {m.keyword})"
                cases.append(
                    Case(
                        f"{component}#i{i}.{j}",
                        component,
                        False,
                        m.instance,
                        label,
                        m.keyword,
                    )
                )
        return cases


def select(components: list[str], limit: int | None) -> list[str]:
    """`limit` components spread evenly over the list (all when None)."""
    if limit is None or limit >= len(components):
        return list(components)
    step = len(components) / limit
    return [components[int(i * step)] for i in range(limit)]


@dataclass
class Prepared:
    """The cases of one spec, shared by every tool measured on it."""

    spec: Path
    defs: dict[str, Any]  # the converted schemas (for diagnosis)
    cases: list[Case] = field(default_factory=list)
    components: int = 0
    unsupported: dict[str, str] = field(
        default_factory=dict
    )  # component → why no instance could be made
    seconds: dict[str, float] = field(
        default_factory=dict
    )  # component → time spent making its instances
    short: list[str] = field(
        default_factory=list
    )  # components whose drawing ran out of time (fewer instances than asked)


def prepare(
    spec: Path,
    limit: int | None,
    examples: int,
    per_instance: int,
    timeout: float,
    progress: Any = None,
    workers: int = 1,
) -> Prepared:
    """Instances for `limit` components of `spec`, made by `workers` processes
    (`progress(text)` is told every 50 components).

    The instances depend only on the spec, the parameters, the harness and
    the libraries, not on the generator under test, so they are cached, one
    file per component in a folder per spec and parameters (MODELGEN_FIDELITY_CACHE,
    default a folder in the temp dir; "off" disables): any `limit` reuses
    them, and an interrupted run resumes.
    """
    spec_cases = SpecCases(spec)
    components = select(list(spec_cases.defs), limit)
    entries = fidelity_pool.run(
        lambda name: spec_cases.entry(name, examples, per_instance, timeout),
        components,
        cache_path(spec, [examples, per_instance, timeout]),
        workers,
        hard_limit=2 * timeout + 60,
        progress=progress,
    )
    found = Prepared(spec, spec_cases.defs, components=len(components))
    for component, entry in entries.items():
        found.cases.extend(Case(**c) for c in entry["cases"])
        if entry.get("unsupported"):
            found.unsupported[component] = entry["unsupported"]
        if entry.get("short"):
            found.short.append(component)
        found.seconds[component] = entry["seconds"]
    return found


def cache_path(spec: Path, params: list[Any]) -> Path | None:
    folder = os.environ.get("MODELGEN_FIDELITY_CACHE", "")
    if folder == "off":
        return None
    import hypothesis
    import hypothesis_jsonschema

    digest = hashlib.sha256()
    sources = [
        (TESTS / name).read_bytes()
        for name in (
            "fidelity_schema.py",
            "fidelity_cases.py",
            "fidelity_spec.py",
            "fidelity_pool.py",
        )
    ]
    for item in (
        spec.read_bytes(),
        *sources,
        json.dumps(
            [
                params,
                sys.version,
                hypothesis.__version__,
                jsonschema_version(),
                getattr(hypothesis_jsonschema, "__version__", ""),
            ]
        ).encode(),
    ):
        digest.update(hashlib.sha256(item).digest())
    root = (
        Path(folder)
        if folder
        else Path(tempfile.gettempdir())
        / f"modelgen-fidelity-{getattr(os, 'getuid', lambda: 0)()}"
    )
    return root / f"{spec.stem}-{digest.hexdigest()[:16]}"


def jsonschema_version() -> str:
    from importlib.metadata import version

    return version("jsonschema")
