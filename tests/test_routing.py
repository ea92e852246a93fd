"""Unit tests of union routing (`modelgen.build.discriminators`) on hand-made IR."""

from __future__ import annotations

from modelgen.build.discriminators import (
    complete_discriminators,
    implicit_tag,
    routes_for,
)
from modelgen.ir import ClassName, EnumMember, Field, FieldName, Model, TypeRef

STR = TypeRef("str")


def lit(*values: str) -> TypeRef:
    return TypeRef("literal", values=values)


def obj(
    name: str,
    tag: TypeRef | None = None,
    required: bool = True,
    nullable: bool = False,
    prop: str = "type",
    closed: bool = False,
    base: str | None = None,
) -> Model:
    fields = (Field(prop, FieldName(prop), tag, required, nullable),) if tag else ()
    return Model(
        ClassName(name),
        name.lower(),
        "object",
        "",
        name,
        fields=fields,
        closed=closed,
        base=ClassName(base) if base else None,
    )


def union(
    *members: str, tag: str = "type", mapping: dict[str, str] | None = None
) -> TypeRef:
    return TypeRef(
        "union",
        args=tuple(TypeRef("model", model=m) for m in members),
        tag=tag,
        mapping=tuple((mapping or {}).items()),
    )


def table(*models: Model) -> dict[str, Model]:
    return {m.name: m for m in models}


def test_mapping_decides_in_30_and_is_a_hint_in_31() -> None:
    models = table(obj("Cat", STR), obj("Dog", STR))
    ref = union("Cat", "Dog", mapping={"cat": "Cat", "dog": "Dog"})
    strict = routes_for(models, ref, annotation_only=False)
    assert dict(strict.values) == {"cat": ("Cat",), "dog": ("Dog",)}
    assert strict.other == ()  # an unknown tag is an error
    loose = routes_for(models, ref, annotation_only=True)
    # any string fits both, so either may hold either value: mapped member first
    assert dict(loose.values) == {"cat": ("Cat", "Dog"), "dog": ("Dog", "Cat")}
    assert loose.other == ("Cat", "Dog")


def test_constant_tags_route_to_their_members_only() -> None:
    models = table(obj("Text", lit("text")), obj("Image", lit("image", "picture")))
    routes = routes_for(models, union("Text", "Image"), annotation_only=True)
    assert dict(routes.values) == {
        "text": ("Text",),
        "image": ("Image",),
        "picture": ("Image",),
    }
    assert routes.other == () and routes.absent == () and routes.null == ()


def test_missing_and_null_tags_go_to_members_that_allow_them() -> None:
    models = table(
        obj("Required", lit("a")),
        obj("Optional", lit("b"), required=False),
        obj("Nullable", lit("c"), nullable=True),
        obj("Untagged"),
    )
    ref = union("Required", "Optional", "Nullable", "Untagged")
    for annotation_only in (False, True):
        routes = routes_for(models, ref, annotation_only)
        assert routes.absent == ("Optional", "Untagged")
        assert routes.null == ("Nullable", "Untagged")


def test_closed_member_without_the_tag_holds_only_its_absence() -> None:
    models = table(obj("Text", lit("text")), obj("Empty", closed=True))
    routes = routes_for(models, union("Text", "Empty"), annotation_only=True)
    assert routes.absent == ("Empty",)
    assert routes.other == () and routes.null == () and routes.other_json == ()
    assert dict(routes.values) == {"text": ("Text",)}


def test_values_of_a_nested_union_member_are_routed_to_it() -> None:
    inner = Model(
        ClassName("Media"),
        "media",
        "root",
        "",
        "Media",
        root=union("Image", "Audio"),
    )
    models = table(
        obj("Text", lit("text")),
        obj("Image", lit("image")),
        obj("Audio", lit("audio")),
        inner,
    )
    routes = routes_for(models, union("Text", "Media"), annotation_only=False)
    assert dict(routes.values) == {
        "text": ("Text",),
        "image": ("Media",),
        "audio": ("Media",),
    }


def test_tag_inherited_from_an_allof_parent_and_from_an_enum_model() -> None:
    kind = Model(
        ClassName("Kind"),
        "kind",
        "enum",
        "",
        "Kind",
        members=(EnumMember("X", "x"), EnumMember("Y", "y")),
    )
    models = table(
        kind,
        obj("Base", TypeRef("model", model="Kind")),
        obj("Child", base="Base"),
        obj("Other", lit("z")),
    )
    routes = routes_for(models, union("Child", "Other"), annotation_only=True)
    assert dict(routes.values) == {"x": ("Child",), "y": ("Child",), "z": ("Other",)}


def test_mapped_member_that_cannot_hold_its_value_is_dropped() -> None:
    models = table(obj("Text", lit("text")), obj("Image", lit("image")))
    ref = union("Text", "Image", mapping={"Text": "Text"})  # implicit schema-name tag
    routes = routes_for(models, ref, annotation_only=False)
    assert "Text" not in dict(routes.values)
    assert dict(routes.values)["text"] == ("Text",)


def test_non_string_tags_have_their_own_route() -> None:
    models = table(
        obj("Number", TypeRef("int")),
        obj("Word", lit("w")),
        obj("Loose"),
    )
    routes = routes_for(models, union("Number", "Word", "Loose"), annotation_only=True)
    assert routes.other_json == ("Number", "Loose")


def test_implicit_tag_is_the_shared_required_constant() -> None:
    models = table(
        obj("Start", lit("start"), prop="kind"),
        obj("Stop", lit("stop"), prop="kind"),
        obj("Pause", lit("pause"), prop="kind", required=False),
        obj("Free", STR, prop="kind"),
    )
    assert implicit_tag(models, union("Start", "Stop", tag="")) == "kind"
    assert implicit_tag(models, union("Start", "Stop", "Pause", tag="")) == "kind"
    # one member with a constant is not enough, nor is a minority
    assert implicit_tag(models, union("Start", "Free", tag="")) is None
    assert implicit_tag(models, union("Start", "Pause", "Free", tag="")) is None
    mixed = TypeRef("union", args=(TypeRef("model", model="Start"), STR))
    assert implicit_tag(models, mixed) is None


def test_complete_discriminators_routes_tagged_and_implicit_unions() -> None:
    members = [
        obj("Start", lit("start"), prop="kind"),
        obj("Stop", lit("stop"), prop="kind"),
    ]
    tagged = Model(
        ClassName("Tagged"),
        "tagged",
        "root",
        "",
        "Tagged",
        root=union("Start", "Stop", tag="kind"),
    )
    untagged = Model(
        ClassName("Untagged"),
        "untagged",
        "root",
        "",
        "Untagged",
        root=union("Start", "Stop", tag=""),
    )
    plain = Model(
        ClassName("Plain"),
        "plain",
        "root",
        "",
        "Plain",
        root=TypeRef("union", args=(STR, TypeRef("int"))),
    )
    done = {
        m.name: m
        for m in complete_discriminators(
            members + [tagged, untagged, plain], annotation_only=False
        )
    }
    for name in ("Tagged", "Untagged"):
        root = done[name].root
        assert root is not None and root.tag == "kind" and root.routes is not None
        assert dict(root.mapping) == {"start": "Start", "stop": "Stop"}
        assert dict(root.routes.values) == {"start": ("Start",), "stop": ("Stop",)}
    assert done["Plain"] == plain
    assert done["Start"] == members[0]
