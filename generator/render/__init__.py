"""Stage 3: `Document` → rendered files (unformatted), via jinja2 templates.

Templates live in `templates/` (beside the package in a checkout, inside it
in a wheel) and are compiled once per process. They only loop and apply
filters; the views they read are computed by `python` and `markdown`.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from typing import TYPE_CHECKING

from ..ir import Document, ModelKind
from . import filters, markdown
from .examples import Synthesizer
from .pycode import MIN_PYTHON, CodeContext
from .relations import used_by

if TYPE_CHECKING:
    from ..targets import Target

KINDS: tuple[ModelKind, ...] = ("object", "enum", "root")  # one page template each


@dataclass(frozen=True, slots=True)
class RenderedFile:
    path: str  # relative, "/"-separated
    text: str

    @property
    def is_python(self) -> bool:
        return self.path.endswith(".py")


def template_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "templates", here.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("modelgen templates are missing from the installation")


def _markup(value: str) -> str:
    if not isinstance(value, markdown.Md):
        raise TypeError(
            f"refusing to splice unescaped text into Markdown: {value!r}"[:200]
        )
    return value


def _fence(value: str) -> str:
    if not re.fullmatch(r"`{3,}", value):
        raise ValueError("not a code fence")
    return value


def _compiled_templates() -> jinja2.BytecodeCache | None:
    """jinja2's own cache of compiled templates (checked against each template's
    source), in the cache folder: compiling the templates costs every run."""
    from ..cache import cache_dir

    folder = cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """A cache that never fails a run: a full disk or an unreadable entry only
    costs compiling the template again (entries are checked by jinja2)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        bytecode_cache=_compiled_templates(),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(filters.FILTERS)
    env.filters.update({"md": _markup, "md_fence_literal": _fence, "md_code": str})
    env.filters.update({"md_text": _md_text, "md_cell": _md_cell})
    return env


@jinja2.pass_context
def _md_text(context: jinja2.runtime.Context, text: str) -> str:
    return filters.md_text(text, context.get("link_base", ""))


@jinja2.pass_context
def _md_cell(context: jinja2.runtime.Context, text: str) -> str:
    return filters.md_cell(text, context.get("link_base", ""))


@functools.lru_cache(maxsize=1)
def templates_digest() -> str:
    """sha256 over every template: part of the cache and manifest keys."""
    digest = hashlib.sha256()
    for path in sorted(template_dir().rglob("*.jinja")):
        digest.update(path.relative_to(template_dir()).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def render_files(
    document: Document,
    package: str,
    docs: bool = True,
    code: bool = True,
    mkdocs: bool = False,
    link_base: str = "",
    origin: str = "",
    python: str = "",
    target: Target | None = None,
    only: frozenset[str] | None = None,
    rows: dict[str, markdown.IndexRow] | None = None,
) -> list[RenderedFile]:
    """Every output file, unformatted; `target`: the model library (default pydantic).
    With `only`: the files of those models and the docs index, nothing else
    (`document` holds those models and all they need; `rows`: the index's rows of
    every model)."""
    if target is None:
        from ..targets import get

        target = get()
    files = (
        python_files(document, target, package, origin, python, only) if code else []
    )
    if docs:
        files.extend(doc_files(document, package, link_base, target, only, rows))
    if mkdocs and only is None:
        files.append(
            RenderedFile(
                "mkdocs.yml",
                environment()
                .get_template("markdown/mkdocs.yml.jinja")
                .render(
                    title=document.title or "Models",
                    pages=sorted((m.name for m in document.models), key=str.lower),
                ),
            )
        )
    return files


def generated_header(origin: str) -> str:
    """The first line of every generated module (no date: output is reproducible)."""
    if len(origin) > 40:
        origin = origin[:37] + "..."
    source = f" from {origin}" if origin else ""
    return f"Generated by modelgen{source}. Do not edit."


def python_version(text: str, target: Target) -> tuple[int, int]:
    """The oldest Python the package supports: given, else the target's, else 3.10."""
    if not text:
        return target.default_python or MIN_PYTHON
    major, minor = (int(part) for part in text.split("."))
    return major, minor


def python_files(
    document: Document,
    target: Target,
    package: str = "",
    origin: str = "",
    python: str = "",
    only: frozenset[str] | None = None,
) -> list[RenderedFile]:
    context = CodeContext(
        document,
        generated_header(origin),
        python_version(python, target),
        package,
        only,
    )
    return [RenderedFile(path, text) for path, text in target.code(document, context)]


def doc_files(
    document: Document,
    package: str,
    link_base: str = "",
    target: Target | None = None,
    only: frozenset[str] | None = None,
    rows: dict[str, markdown.IndexRow] | None = None,
) -> list[RenderedFile]:
    if target is None:
        from ..targets import get

        target = get()
    env = environment()
    synth = Synthesizer({m.name: m for m in document.models})
    users = used_by(document)
    inline = target.in_place(document) if target.in_place else ()
    pages = {
        kind: env.get_template(f"markdown/model_{kind}.md.jinja") for kind in KINDS
    }
    files = [
        RenderedFile(
            f"docs/{m.name}.md",
            pages[m.kind].render(
                **markdown.page_view(
                    m, document, synth, package, users, target, inline
                ),
                link_base=link_base,
            ),
        )
        for m in document.models
        if only is None or m.name in only
    ]
    files.append(
        RenderedFile(
            "docs/README.md",
            env.get_template("markdown/index.md.jinja").render(
                **markdown.index_view(document, link_base, rows)
            ),
        )
    )
    return files
