"""Runs the fidelity cases of one spec in a fresh interpreter.

Usage: python fidelity_runner.py JOB.json RESULTS.json

JOB: {"mode": "modelgen" | "pydantic", "parent": DIR, "package": NAME,
      "targets": {component: [module, class]}, "cases": [[id, component, instance], ...]}

- modelgen: `Class.from_dict(x).to_dict()`; the class is imported from
  `NAME.models.<module>`. When the package itself does not import, each
  module is imported on its own (and incomplete models rebuilt) so the rest
  can still be measured; the package error is reported.
- pydantic (datamodel-code-generator): `NAME` is a module (models.py);
  `Class.model_validate(x).model_dump(mode="json", by_alias=True, exclude_unset=True)`.
- Enums (either): `Class(x).value`.

RESULTS: {"package_error": str | null, "results": [[id, status, payload], ...]}
status "ok" (payload: the output), "raised" (payload: {"exc", "validation", "errors"}),
"error" (payload: "Type: message", something that is not a validation error).
"""

from __future__ import annotations

import enum
import importlib
import json
import re
import sys
import traceback
import types
from pathlib import Path
from typing import Any


def short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:300] if text else ''}"


class Loader:
    def __init__(self, job: dict[str, Any]) -> None:
        self.mode = job["mode"]
        self.package = job["package"]
        self.parent = job["parent"]
        self.package_error: str | None = None
        self.modules: dict[str, Any] = {}
        sys.path.insert(0, self.parent)
        if self.mode == "modelgen":
            self.open_package()

    def open_package(self) -> None:
        try:
            importlib.import_module(self.package + ".models")
        except BaseException as exc:  # noqa: BLE001 - report anything
            self.package_error = (
                short(exc)
                + " | "
                + traceback.format_exc().strip().splitlines()[-3].strip()
            )
            for name in [
                m
                for m in sys.modules
                if m == self.package or m.startswith(self.package + ".")
            ]:
                del sys.modules[name]
            root = Path(self.parent, self.package)
            for name, path in (
                (self.package, root),
                (self.package + ".models", root / "models"),
            ):
                stub = types.ModuleType(name)
                stub.__path__ = [str(path)]  # type: ignore[attr-defined]
                sys.modules[name] = stub
            self.import_each(root / "models")

    def import_each(self, folder: Path) -> None:
        """Fallback: import every module alone, then rebuild incomplete models."""
        import pydantic

        namespace: dict[str, Any] = {}
        for path in sorted(folder.glob("*.py")):
            if path.stem == "__init__":
                continue
            try:
                module = importlib.import_module(f"{self.package}.models.{path.stem}")
            except BaseException as exc:  # noqa: BLE001
                self.modules[path.stem] = exc
                continue
            self.modules[path.stem] = module
            namespace.update(
                {k: v for k, v in vars(module).items() if isinstance(v, type)}
            )
        for value in list(namespace.values()):
            if (
                isinstance(value, type)
                and issubclass(value, pydantic.BaseModel)
                and not value.__pydantic_complete__
            ):
                try:
                    value.model_rebuild(_types_namespace=namespace)
                except BaseException:  # noqa: BLE001
                    pass

    def cls(self, target: list[str]) -> Any:
        module_name, class_name = target
        if self.mode == "modelgen":
            key = module_name
            if key not in self.modules:
                try:
                    self.modules[key] = importlib.import_module(
                        f"{self.package}.models.{module_name}"
                    )
                except BaseException as exc:  # noqa: BLE001
                    self.modules[key] = exc
        else:
            key = self.package
            if key not in self.modules:
                try:
                    self.modules[key] = importlib.import_module(self.package)
                except BaseException as exc:  # noqa: BLE001
                    self.modules[key] = exc
        module = self.modules[key]
        if isinstance(module, BaseException):
            raise ImportError(f"module {key} does not import: {short(module)}")
        return getattr(module, class_name)


def run_one(loader: Loader, target: list[str], instance: Any) -> tuple[str, Any]:
    import pydantic

    try:
        cls = loader.cls(target)
    except BaseException as exc:  # noqa: BLE001
        return "error", short(exc)
    try:
        if isinstance(cls, type) and issubclass(cls, enum.Enum):
            return "ok", cls(instance).value
        if loader.mode == "modelgen":
            return "ok", cls.from_dict(instance).to_dict()
        return "ok", cls.model_validate(instance).model_dump(
            mode="json", by_alias=True, exclude_unset=True
        )
    except pydantic.ValidationError as exc:
        errors = [
            {
                "type": e.get("type"),
                "loc": [str(x) for x in e.get("loc", ())],
                "msg": str(e.get("msg"))[:200],
            }
            for e in exc.errors(include_url=False)[:100]
        ]
        return "raised", {
            "exc": "ValidationError",
            "validation": True,
            "errors": errors,
        }
    except ValueError as exc:
        if any(c.__module__ == "msgspec" for c in type(exc).__mro__):
            return "raised", msgspec_error(str(exc))
        if isinstance(getattr(exc, "parts", None), list):
            return "raised", dataclasses_error(exc)
        return "raised", {
            "exc": type(exc).__name__,
            "validation": False,
            "errors": [{"msg": str(exc)[:200]}],
        }
    except RecursionError as exc:
        return "error", short(exc)
    except Exception as exc:  # noqa: BLE001 - anything else is a crash to report
        return "error", short(exc)


# msgspec's messages → the error types of pydantic the buckets know.
MSGSPEC_ERRORS = (
    ("matching regex", "string_pattern_mismatch"),
    ("timezone", "datetime"),
    ("RFC3339", "datetime"),
    ("Invalid enum value", "enum"),
    ("Invalid value", "literal_error"),
    ("unknown field", "extra_forbidden"),
    ("missing required field", "missing"),
    ("of length >=", "too_short"),
    ("of length <=", "too_long"),
    ("multiple of", "multiple_of"),
    ("must be one of", "union_tag"),
    ("Expected `int`, got `float`", "int_from_float"),
    (">", "greater_than"),
    ("<", "less_than"),
)
MSGSPEC_TYPES = {"object": "dict", "array": "list", "null": "none_required"}


def msgspec_error(message: str) -> dict[str, Any]:
    """A msgspec ValidationError as one error of the shape pydantic's have:
    a type (from the message), the JSON path as `loc`, the message."""
    text, _, path = message.partition(" - at `$")
    loc = [p.strip('[]"') for p in re.findall(r"\.[^.\[`]+|\[[^\]]*\]", path)]
    loc = [p.lstrip(".") for p in loc]
    kind = next((t for key, t in MSGSPEC_ERRORS if key in text), "value_error")
    expected = re.match(r"Expected `(\w+)`", text)
    if kind == "value_error" and expected:
        name = expected.group(1)
        kind = MSGSPEC_TYPES.get(name, name) + "_type"
        kind = "none_required" if name == "null" else kind
    return {
        "exc": "ValidationError",
        "validation": True,
        "errors": [{"type": kind, "loc": loc, "msg": text[:200]}],
    }


# The dataclasses target's messages → the error types of pydantic the buckets know.
DATACLASSES_ERRORS = (
    ("date-time", "datetime"),
    ("RFC 3339 date", "date"),
    ("valid date", "date"),
    ("UUID", "uuid"),
    ("does not match", "string_pattern_mismatch"),
    ("is not one of", "literal_error"),
    ("needs at least one of", "presence"),
    ("needs exactly one of", "presence"),
    ("must not have all", "presence"),
    ("must be one of", "union_tag"),
    ("unknown property", "extra_forbidden"),
    ("required property", "missing"),
    ("needs at least", "too_short"),
    ("allows at most", "too_long"),
    ("multiple of", "multiple_of"),
    ("at least", "greater_than"),
    ("greater than", "greater_than"),
    ("at most", "less_than"),
    ("less than", "less_than"),
    ("expected an integer, got 1.", "int_from_float"),
    ("expected an integer", "int_type"),
    ("expected a string", "string_type"),
    ("expected a number", "float_type"),
    ("expected a boolean", "bool_type"),
    ("expected null", "none_required"),
    ("expected an object", "dict_type"),
    ("expected an array", "list_type"),
)


def dataclasses_error(exc: Any) -> dict[str, Any]:
    """The dataclasses target's ValidationError as one error of pydantic's shape."""
    text = str(exc.message)
    kind = next((t for key, t in DATACLASSES_ERRORS if key in text), "value_error")
    return {
        "exc": "ValidationError",
        "validation": True,
        "errors": [
            {"type": kind, "loc": [str(p) for p in exc.parts], "msg": text[:200]}
        ],
    }


def main() -> None:
    job = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    loader = Loader(job)
    results = []
    for case_id, component, instance in job["cases"]:
        target = job["targets"].get(component)
        if target is None:
            results.append([case_id, "error", "no model for this component"])
            continue
        status, payload = run_one(loader, target, instance)
        try:
            json.dumps(payload)
        except (TypeError, ValueError):
            status, payload = "error", f"output is not JSON: {payload!r}"[:300]
        results.append([case_id, status, payload])
    out = {"package_error": loader.package_error, "results": results}
    Path(sys.argv[2]).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    sys.setrecursionlimit(5000)
    main()
