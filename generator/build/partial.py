"""Build some components again, alone, against the record of a full build.

After an edit to a few schemas of a big spec, building every component again
costs more than everything else a regeneration does. `rebuild` builds only
the components given, in a `Builder` primed with what the full build left
behind (class names taken, inline models made, locations, models), and then
proves that a full build of the new spec would have made the same choices
everywhere else. It returns None when it cannot prove that:

- a rebuilt component asks for other class names than before, or gets other
  ones (names are handed out in document order, so later ones would move);
- it stops making an inline model another component reused, or makes one
  that another component made before;
- it reuses an inline model made by a component that comes after it;
- it yields other models, in another order, or models that reference other
  classes than before (operation tags and "used by" follow references).

The caller picks the components: the edited ones and every component whose
build read one of them (`dependents`), so the rest are built from the same
text, in the same state, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Mapping
from typing import Any, Iterable

from .. import naming
from ..diagnostics import join_pointer
from ..ir import ClassName, Model
from ..load import SpecFiles
from .context import Builder, Options, Trail, Where
from .dialect import detect_dialect
from .models import MAKERS, build_named
from .objects import check_late_defaults


@dataclass(frozen=True)
class Previous:
    """The full build's record: see `build.Record`, plus its models."""

    trails: dict[str, Trail]  # by component, "" for what no component did
    order: list[str]  # components in build order
    names: dict[str, str]  # component → class name
    models: Mapping[str, Model]  # as `Builder.models` held them (before completion)
    base: str  # pointer of the mapping of components, e.g. "/components/schemas"
    components: Mapping[str, str]  # model → its component, in build order


class Layered(dict):  # type: ignore[type-arg]
    """`Builder.models` of a partial build: the models built so far, then those
    of the previous build, except the ones of the components built again."""

    def __init__(self, fallback: Mapping[str, Model], hidden: set[str]) -> None:
        super().__init__()
        self.fallback, self.hidden = fallback, hidden

    def __missing__(self, name: str) -> Model:
        if name in self.hidden or name not in self.fallback:
            raise KeyError(name)
        return self.fallback[name]

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default

    def __contains__(self, name: object) -> bool:
        return dict.__contains__(self, name) or (
            name not in self.hidden and name in self.fallback
        )


def dependents(previous: Previous, changed: set[str], component_of: Any) -> set[str]:
    """`changed` and every component whose build read one of them, transitively."""
    readers: dict[str, set[str]] = {}
    for component in previous.order:
        for pointer in previous.trails[component].reads:
            read = component_of(pointer)
            if read is not None and read != component:
                readers.setdefault(read, set()).add(component)
    found, todo = set(changed), list(changed)
    while todo:
        for reader in readers.get(todo.pop(), ()):
            if reader not in found:
                found.add(reader)
                todo.append(reader)
    return found


def rebuild(
    files: SpecFiles, names: naming.NameRules, previous: Previous, again: set[str]
) -> tuple[dict[str, Model], dict[str, Trail]] | None:
    """The models (as `Builder.models` holds them) and trails of the components in
    `again`, built anew; None when a full build might differ elsewhere."""
    root = files.root_document
    dialect = detect_dialect(root)
    if isinstance(dialect, str):
        return None
    b = Builder(files, Options(dialect=dialect, names=names), MAKERS)
    kept = [c for c in previous.order if c not in again]
    b.classes = naming.Namer(
        {got for c in ["", *kept] for _, got in previous.trails[c].claims}
    )
    for component in kept:
        b.structural.update(previous.trails[component].made)
    b.models = Layered(
        previous.models, {n for n, c in previous.components.items() if c in again}
    )
    schemas = _mapping(root, previous.base)
    if schemas is None:
        return None
    for component in previous.order:  # the class names, claimed before any build
        pointer = join_pointer(previous.base, component)
        b.locations[(files.root, pointer)] = ClassName(previous.names[component])
    yields: dict[str, list[str]] = {}
    for name, component in previous.components.items():
        yields.setdefault(component, []).append(name)
    for component in (c for c in previous.order if c in again):
        pointer = join_pointer(previous.base, component)
        where = Where(
            files.root, pointer, b.locations[(files.root, pointer)], component
        )
        b.begin(component)
        build_named(b, ClassName(where.hint), schemas[component], where)
        while b.pending:
            build_named(b, *b.pending.pop(0))
    check_late_defaults(b)
    trails = {c: b.trails[c] for c in again if c in b.trails}
    if not _same_choices(previous, trails, b.yields, yields):
        return None
    return {n: b.models[n] for c in again for n in b.yields.get(c, ())}, trails


def _mapping(root: Any, base: str) -> dict[str, Any] | None:
    node = root
    for token in base.strip("/").split("/"):
        node = node.get(token) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else None


def _same_choices(
    previous: Previous,
    trails: dict[str, Trail],
    made_now: dict[str, list[str]],
    made_before: dict[str, list[str]],
) -> bool:
    position = {c: i for i, c in enumerate(previous.order)}
    makers = {
        key: c
        for c in previous.order
        for key in previous.trails[c].made
        if c not in trails
    }
    hit_by_others = {
        key
        for c in previous.order
        if c not in trails
        for key in previous.trails[c].hits
    }
    for component in sorted(trails, key=position.__getitem__):
        now, before = trails[component], previous.trails[component]
        if now.claims != before.claims or made_now.get(
            component, []
        ) != made_before.get(component, []):
            return False
        if any(k in hit_by_others for k in set(before.made) - set(now.made)):
            return False
        if any(k in makers for k in set(now.made) - set(before.made)):
            return False
        for key in now.hits:
            maker = makers.get(key, component)
            if position.get(maker, -1) > position[component]:
                return False
        makers.update(dict.fromkeys(now.made, component))
    return True


def same_references(models: Iterable[Model], previous: Mapping[str, Model]) -> bool:
    """Every model references the same classes as its previous version."""
    return all(
        m.name in previous and m.references() == previous[m.name].references()
        for m in models
    )
