"""
Tagged unions: values whose class the field type leaves open carry their class name
under ``"$type"``.

A field typed as a union of attrs classes (a target-group rule, a roster event), or as
an attrs class that has attrs subclasses (a referral event), holds an object of one of
them; in JSON that object names its class first:

>>> from jobcenter_core.offers import AllOf, Employable, LanguageAtLeast, TargetGroupRule
>>> from jobcenter_core.serialization import make_converter
>>> from jobcenter_core.serialization.unions import tagged_members
>>> converter = make_converter()
>>> converter.dumps(AllOf(rules=(Employable(),)))
'{"rules":[{"$type":"Employable"}]}'
>>> sorted(tagged_members(TargetGroupRule))[:3]
['AllOf', 'AnyOf', 'Employable']

Reading uses cattrs' own strategy,
:func:`cattrs.strategies.configure_tagged_union`, configured for each such type the
first time a converter needs it (a converter cannot know in advance which unions its
users' classes declare). Writing puts the tag first, before the fields, as the format
always has; cattrs' strategy would append it. A class with subclasses is configured as
the union of itself and its subclasses, and only a field of that class is tagged: a
value written as its own leaf class has no tag, and is read back without one.
(:func:`cattrs.strategies.include_subclasses` would tag the leaf classes too, and then
refuse their tag as an unknown key when it reads them back as themselves.)
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any, Final

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn
from cattrs.strategies import configure_tagged_union

__all__ = ["TAG", "configure_tagged_unions", "optional_target", "tagged_members"]

TAG: Final = "$type"
"""The key naming the class of a value whose field type leaves the class open."""


def optional_target(t: Any) -> Any:
    """
    ``X`` for ``X | None`` (one type and ``None``), else ``None``.

    >>> from jobcenter_core.serialization.unions import optional_target
    >>> optional_target(str | None), optional_target(str)
    (<class 'str'>, None)
    """
    if typing.get_origin(t) not in (typing.Union, types.UnionType):
        return None
    args = typing.get_args(t)
    if len(args) != 2 or types.NoneType not in args:
        return None
    return args[0] if args[1] is types.NoneType else args[1]


def _union_members(t: Any) -> tuple[Any, ...] | None:
    """The attrs classes of a union of two or more of them (``None`` allowed), else ``None``."""
    if typing.get_origin(t) not in (typing.Union, types.UnionType):
        return None
    members = tuple(a for a in typing.get_args(t) if a is not types.NoneType)
    if len(members) < 2 or not all(attrs.has(typing.get_origin(m) or m) for m in members):
        return None
    return members


def _family(cl: Any) -> tuple[type, ...] | None:
    """An attrs class and its attrs subclasses, when it has any; else ``None``."""
    if not isinstance(cl, type) or not attrs.has(cl):
        return None
    family: dict[type, None] = {}
    stack = [cl]
    while stack:
        member = stack.pop()
        family[member] = None
        stack.extend(s for s in member.__subclasses__() if attrs.has(s))
    return tuple(family) if len(family) > 1 else None


def tagged_members(t: Any) -> dict[str, Any] | None:
    """
    The classes a value of type *t* may be, by their tag, if *t* is written with a tag
    (a union of attrs classes, ``None`` allowed, or an attrs class with attrs
    subclasses); else ``None``.
    """
    members = _union_members(t) or _family(t)
    if members is None:
        return None
    by_tag = {_tag(m): m for m in members}
    if len(by_tag) != len(members):
        raise TypeError(f"the classes of {t!r} need distinct class names")
    return by_tag


def _union_of(members: tuple[Any, ...]) -> Any:
    return typing.Union[members]  # noqa: UP007 - built from a tuple


def _tag(cl: Any) -> str:
    name: str = (typing.get_origin(cl) or cl).__name__
    return name


def configure_tagged_unions(converter: cattrs.Converter) -> None:
    """
    Configure *converter* to read and write every tagged type (see the module) with its
    class name under ``"$type"``, first.
    """
    configured: set[Any] = set()  # unions and classes already handed to cattrs' strategy

    def tag_first(family_root: type | None = None) -> Callable[[Any], Any]:
        plain: Callable[[Any], Any] | None = None
        if family_root is not None:
            plain = make_dict_unstructure_fn(family_root, converter)

        def unstructure_tagged(value: Any) -> Any:
            if value is None:
                return None
            cls = value.__class__
            hook = plain if cls is family_root else converter.get_unstructure_hook(cls)
            assert hook is not None
            return {TAG: _tag(cls), **hook(value)}

        return unstructure_tagged

    def configure(union: Any) -> None:
        configured.add(union)
        tagged_members(union)  # distinct class names
        configure_tagged_union(union, converter, tag_name=TAG)
        converter.register_unstructure_hook(union, tag_first())

    def is_new_union(t: Any) -> bool:
        return t not in configured and _union_members(t) is not None

    def structure_union(t: Any) -> Callable[[Any, Any], Any]:
        members = _union_members(t)
        assert members is not None
        union = _union_of(members)
        if union not in configured:
            configure(union)
        hook = converter.get_structure_hook(union)
        if types.NoneType not in typing.get_args(t):
            return hook
        return lambda obj, _: None if obj is None else hook(obj, union)

    def is_new_family(t: Any) -> bool:
        return t not in configured and _family(t) is not None

    def structure_family(root: Any) -> Callable[[Any, Any], Any]:
        # The union's member hook for the root itself must be the plain one: with the
        # root in `configured`, this factory no longer claims it, and cattrs makes it.
        # Fields typed as the root then read the union, by the hook registered last.
        family = _family(root)
        assert family is not None
        union = _union_of(family)
        configured.add(root)
        configure(union)
        hook = converter.get_structure_hook(union)

        def structure_tagged(obj: Any, _: Any) -> Any:
            return hook(obj, union)

        converter.register_structure_hook_func(lambda t: t is root, structure_tagged)
        return structure_tagged

    converter.register_structure_hook_factory(is_new_union, structure_union)
    converter.register_structure_hook_factory(is_new_family, structure_family)
    converter.register_unstructure_hook_factory(
        lambda t: _union_members(t) is not None, lambda t: tag_first()
    )
    converter.register_unstructure_hook_factory(
        lambda t: _family(t) is not None, lambda root: tag_first(root)
    )
