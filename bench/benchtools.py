"""The generators under test: how to invoke each one and how to read its version."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from benchproc import capture

# openapi-generator's spec validator rejects these specs (the 2026-08 spec
# uses the reserved 'x-oai-beta' extension on ~28 schemas), so it needs
# --skip-validate-spec there.  Keyed by file name: the "changed" copy of a
# spec keeps its name.
OAG_SKIP_VALIDATE = {"openai-2026-08.yaml"}

_VERSIONS = (
    "import importlib.metadata as m, sys\n"
    "for d in sys.argv[1:]:\n"
    "    try:\n"
    "        print(f'{d}=={m.version(d)}')\n"
    "    except m.PackageNotFoundError:\n"
    "        print(f'{d}: not installed')\n"
)

Argv = Callable[[Path, Path], list[str]]


@dataclass
class Tool:
    """One code generator: argv builders for generate and (optional) check."""

    name: str
    bin_dir: Path
    exe: str
    generate: Argv
    check: Argv | None
    dists: list[str]  # distributions whose versions are reported
    uses_cache: bool = False  # honours MODELGEN_CACHE_DIR
    extra_versions: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """The name as used in file names: letters, digits and dashes."""
        return "-".join("".join(c if c.isalnum() else " " for c in self.name).split())

    @property
    def exe_path(self) -> Path:
        return self.bin_dir / self.exe

    def available(self) -> bool:
        return self.exe_path.exists()

    def env(self, cache_dir: Path | None) -> dict[str, str]:
        """Child environment: the tool's venv first on PATH, a cache dir."""
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        # Every tool runs as installed: pip leaves compiled modules beside the
        # source, so they are kept (`precompile` makes modelgen's before runs).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["VIRTUAL_ENV"] = str(self.bin_dir.parent)
        env["PATH"] = str(self.bin_dir) + os.pathsep + env.get("PATH", "")
        if self.uses_cache and cache_dir is not None:
            env["MODELGEN_CACHE_DIR"] = str(cache_dir)
        return env

    def versions(self) -> list[str]:
        """Installed versions of the tool's distributions (+ runtime)."""
        if not self.available():
            return [f"{self.exe}: not found at {self.exe_path}"]
        python = str(self.bin_dir / "python")
        found = capture([python, "-c", _VERSIONS, *self.dists]).splitlines()
        for label, argv in self.extra_versions:
            text = capture(argv)
            if text:
                found.append(label + text.splitlines()[0])
        return found


def _modelgen(bin_dir: Path) -> Tool:
    exe = str(bin_dir / "modelgen")
    return Tool(
        name="modelgen",
        bin_dir=bin_dir,
        exe="modelgen",
        generate=lambda spec, out: [exe, "generate", str(spec), "--output", str(out)],
        check=lambda spec, out: [exe, "check", str(spec), "--output", str(out)],
        dists=["modelgen", "pydantic", "black"],
        uses_cache=True,
    )


# datamodel-codegen's formatters: black + isort (the current default, pinned)
# and its own built-in formatter (its fastest configuration).
DCG_FORMATTERS = {"black": ["black", "isort"], "builtin": ["builtin"]}


def _dcg_argv(exe: str, spec: Path, out: Path, formatters: list[str]) -> list[str]:
    return [
        exe,
        "--input", str(spec),
        "--input-file-type", "openapi",
        "--output-model-type", "pydantic_v2.BaseModel",
        "--formatters", *formatters,
        "--disable-timestamp",  # else --check always fails on the header
        "--output", str(out / "models.py"),
    ]  # fmt: skip


def _dcg(bin_dir: Path, formatter: str = "black") -> Tool:
    exe = str(bin_dir / "datamodel-codegen")
    names = DCG_FORMATTERS[formatter]
    return Tool(
        name="datamodel-codegen" + ("" if formatter == "black" else f" ({formatter})"),
        bin_dir=bin_dir,
        exe="datamodel-codegen",
        generate=lambda spec, out: _dcg_argv(exe, spec, out, names),
        check=lambda spec, out: _dcg_argv(exe, spec, out, names) + ["--check"],
        dists=["datamodel-code-generator", "black", "isort", "pydantic"],
    )


def _opc(bin_dir: Path) -> Tool:
    exe = str(bin_dir / "openapi-python-client")
    return Tool(
        name="openapi-python-client",
        bin_dir=bin_dir,
        exe="openapi-python-client",
        generate=lambda spec, out: [
            exe, "generate", "--path", str(spec), "--output-path", str(out), "--overwrite",
        ],  # fmt: skip
        check=None,
        dists=["openapi-python-client", "ruff"],
    )


def _oag_argv(exe: str, spec: Path, out: Path) -> list[str]:
    argv = [
        exe, "generate", "-i", str(spec), "-g", "python", "-o", str(out),
        "--global-property", "models,modelDocs=true,modelTests=false",
    ]  # fmt: skip
    if spec.name in OAG_SKIP_VALIDATE:
        argv.append("--skip-validate-spec")
    return argv


def _oag(bin_dir: Path) -> Tool:
    exe = str(bin_dir / "openapi-generator-cli")
    return Tool(
        name="openapi-generator",
        bin_dir=bin_dir,
        exe="openapi-generator-cli",
        generate=lambda spec, out: _oag_argv(exe, spec, out),
        check=None,
        dists=["openapi-generator-cli"],
        extra_versions=[("jar: ", [exe, "version"]), ("java: ", ["java", "-version"])],
    )


_PRECOMPILE = """
import compileall, importlib.util, os, sys, sysconfig
folders = {sysconfig.get_paths()["purelib"]}
spec = importlib.util.find_spec("modelgen")
if spec is not None and spec.origin:
    folders.add(os.path.dirname(spec.origin))  # an editable install's source
ok = all(compileall.compile_dir(f, quiet=1, workers=2) for f in sorted(folders))
sys.exit(0 if ok else 1)
"""


def precompile(tool: "Tool") -> None:
    """Compile the tool's modules once, as `pip install` does, so that no run of
    any tool pays for compiling them (whatever PYTHONDONTWRITEBYTECODE says)."""
    python = tool.bin_dir / "python"
    if python.exists():
        subprocess.run(
            [str(python), "-c", _PRECOMPILE],
            env=tool.env(None),
            capture_output=True,
            check=False,
        )


def make_tools(modelgen_bin: Path, peers_dir: Path, only_peers: bool) -> list[Tool]:
    """modelgen (unless only_peers) followed by the three peers (datamodel-codegen
    twice: with black + isort and with its built-in formatter)."""
    tools = [] if only_peers else [_modelgen(modelgen_bin)]
    dcg = peers_dir / "dcg" / "bin"
    tools += [_dcg(dcg), _dcg(dcg, "builtin"), _opc(peers_dir / "opc" / "bin")]
    tools.append(_oag(peers_dir / "oag" / "bin"))
    return tools
