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

from ..ir import Document
from . import filters, markdown
from .examples import Synthesizer
from .filters import Code
from .python import import_lines, python_views
from .relations import used_by


@dataclass(frozen=True, slots=True)
class RenderedFile:
    path: str  # relative, "/"-separated
    text: str

    @property
    def is_python(self) -> bool:
        return self.path.endswith(".py")


BASE_DOC = """Runtime support shared by the generated models of {title}.

Every model validates strictly (no silent coercion: "5" is not an
integer), keeps unknown properties unless the schema closes the object,
and writes back exactly the properties it read: to_dict omits the ones
that were absent and keeps explicit nulls."""


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


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
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
) -> list[RenderedFile]:
    files = python_files(document) if code else []
    if docs:
        files.extend(doc_files(document, package, link_base))
    if mkdocs:
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


def python_files(document: Document) -> list[RenderedFile]:
    env = environment()
    views, cyclic, order = python_views(document)
    files = [
        RenderedFile(
            "__init__.py",
            env.get_template("python/package_init.py.jinja").render(
                doc=_package_doc(document)
            ),
        ),
        RenderedFile("py.typed", ""),
        RenderedFile(
            "models/_base.py",
            env.get_template("python/_base.py.jinja").render(
                doc=BASE_DOC.format(title=document.title or "the API")
            ),
        ),
        RenderedFile(
            "models/__init__.py",
            env.get_template("python/models_init.py.jinja").render(
                doc=f"Models of {document.title or 'the API'}.",
                imports=[
                    {
                        "line": Code("\n".join(import_lines(f".{m.module}", [m.name]))),
                        "name": m.name,
                    }
                    for m in order
                ],
                cyclic=cyclic,
            ),
        ),
    ]
    model_template = env.get_template("python/model.py.jinja")
    for model, view in views:
        files.append(
            RenderedFile(f"models/{model.module}.py", model_template.render(view=view))
        )
    return files


def _package_doc(document: Document) -> str:
    title = document.title or "the API"
    version = f" {document.version}" if document.version else ""
    return (
        f"Typed models of {title}{version}, generated by modelgen. Do not edit by hand."
    )


def doc_files(
    document: Document, package: str, link_base: str = ""
) -> list[RenderedFile]:
    env = environment()
    synth = Synthesizer({m.name: m for m in document.models})
    users = used_by(document)
    page = env.get_template("markdown/model.md.jinja")
    files = [
        RenderedFile(
            f"docs/{m.name}.md",
            page.render(
                **markdown.page_view(m, document, synth, package, users),
                link_base=link_base,
            ),
        )
        for m in document.models
    ]
    files.append(
        RenderedFile(
            "docs/README.md",
            env.get_template("markdown/index.md.jinja").render(
                **markdown.index_view(document, link_base)
            ),
        )
    )
    return files
