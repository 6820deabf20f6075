"""
A persistent sorted map: the collection the roster keeps its registrations, queues and
seat-offer deadlines in.

:class:`SortedMap` never changes; :meth:`~SortedMap.set` and :meth:`~SortedMap.discard`
return a new map that shares all but one path of nodes with the old one, so every old
version stays valid. It reads like a ``Mapping`` whose keys come out in order, and
:meth:`~SortedMap.first` gives the smallest key, which makes it a queue too.

It is a B+ tree with path copying: the items sit in leaves of at most ``_MOST`` keys, in
key order; a branch routes a key to one of its children by bisecting its bounds. A
lookup or an update visits one node per level, and an update copies those nodes (a
tuple of at most ``_MOST`` entries each), so both take O(log n): four levels hold 10⁵
items. A leaf or branch that outgrows ``_MOST`` splits in two; one that becomes empty is
dropped (nodes are not merged, which keeps the code short; the tree never grows taller
than the most items it ever held ask for).

>>> m = SortedMap().set("b", 2).set("a", 1)
>>> list(m.items()), m.first(), m.discard("a").get("a")
([('a', 1), ('b', 2)], ('a', 1), None)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

__all__ = ["SortedMap"]

K = TypeVar("K", bound="SupportsRichComparison")
V = TypeVar("V")
D = TypeVar("D")

_MOST = 32
"""The most entries a node holds; one more and it splits in two."""


class _Leaf:
    """Items: ``keys`` in order and their ``values``."""

    __slots__ = ("keys", "values")

    def __init__(self, keys: tuple[Any, ...], values: tuple[Any, ...]) -> None:
        self.keys = keys
        self.values = values


class _Branch:
    """Children in key order: ``children[i]`` holds the keys from ``bounds[i - 1]`` below
    ``bounds[i]`` (the first child everything below ``bounds[0]``, the last everything from
    ``bounds[-1]``)."""

    __slots__ = ("bounds", "children")

    def __init__(self, bounds: tuple[Any, ...], children: tuple[_Node, ...]) -> None:
        self.bounds = bounds
        self.children = children


_Node = _Leaf | _Branch


def _leaf_of(node: _Node, key: Any) -> _Leaf:
    """The leaf where *key* belongs."""
    while isinstance(node, _Branch):
        node = node.children[bisect_right(node.bounds, key)]
    return node


def _path_to(root: _Node, key: Any) -> tuple[list[tuple[_Branch, int]], _Leaf]:
    """The branches from *root* down to the leaf where *key* belongs (each with the index
    of the child taken), and that leaf."""
    path: list[tuple[_Branch, int]] = []
    node = root
    while isinstance(node, _Branch):
        i = bisect_right(node.bounds, key)
        path.append((node, i))
        node = node.children[i]
    return path, node


def _split(nodes: tuple[_Node, ...], bound: Any, path: list[tuple[_Branch, int]]) -> _Node:
    """
    The new root when *nodes* replace the node at the end of *path* (two nodes, with the
    *bound* between them, when it split): the branches on the path are copied, bottom up,
    each splitting in turn when it outgrows ``_MOST`` children.
    """
    while path:
        branch, i = path.pop()
        children = branch.children[:i] + nodes + branch.children[i + 1 :]
        bounds = branch.bounds
        if bound is not None:
            bounds = (*bounds[:i], bound, *bounds[i:])
        if len(children) <= _MOST:
            nodes, bound = (_Branch(bounds, children),), None
        else:
            half = len(children) // 2
            nodes = (
                _Branch(bounds[: half - 1], children[:half]),
                _Branch(bounds[half:], children[half:]),
            )
            bound = bounds[half - 1]
    return nodes[0] if bound is None else _Branch((bound,), nodes)


def _inserted(root: _Node, key: Any, value: Any) -> tuple[_Node, bool]:
    """The root of the tree *root* with *key* set to *value*, and whether *key* is new."""
    path, leaf = _path_to(root, key)
    keys, values = leaf.keys, leaf.values
    i = bisect_left(keys, key)
    if i < len(keys) and keys[i] == key:
        return _split((_Leaf(keys, (*values[:i], value, *values[i + 1 :])),), None, path), False
    keys = (*keys[:i], key, *keys[i:])
    values = (*values[:i], value, *values[i:])
    if len(keys) <= _MOST:
        return _split((_Leaf(keys, values),), None, path), True
    half = len(keys) // 2
    halves = (_Leaf(keys[:half], values[:half]), _Leaf(keys[half:], values[half:]))
    return _split(halves, keys[half], path), True


def _removed(root: _Node, key: Any) -> _Node | None:
    """The root of the tree *root* without *key* (``None`` when it empties); *root* itself
    when *key* is absent."""
    path, leaf = _path_to(root, key)
    keys = leaf.keys
    i = bisect_left(keys, key)
    if i == len(keys) or keys[i] != key:
        return root
    node: _Node | None = None
    if len(keys) > 1:
        node = _Leaf(keys[:i] + keys[i + 1 :], leaf.values[:i] + leaf.values[i + 1 :])
    while path:
        branch, i = path.pop()
        bounds, children = branch.bounds, branch.children
        if node is not None:
            node = _Branch(bounds, (*children[:i], node, *children[i + 1 :]))
        elif len(children) > 1:  # drop the empty child and a bound beside it
            j = i - 1 if i else 0
            node = _Branch(bounds[:j] + bounds[j + 1 :], children[:i] + children[i + 1 :])
    while isinstance(node, _Branch) and len(node.children) == 1:
        node = node.children[0]
    return node


def _leaves(node: _Node) -> Iterator[_Leaf]:
    if isinstance(node, _Leaf):
        yield node
    else:
        for child in node.children:
            yield from _leaves(child)


class SortedMap(Generic[K, V]):
    """
    A persistent map whose keys come out in order (see the module docstring).

    Keys need not be hashable, only comparable with each other; values may be anything.
    Two maps are equal when their items are; a map pickles as its items.

    >>> queue = SortedMap.of({(1, "r-2"): "r-2", (0, "r-1"): "r-1"})
    >>> queue.first(), len(queue.discard((0, "r-1")))
    (((0, 'r-1'), 'r-1'), 1)
    """

    __slots__ = ("_root", "_size")

    def __init__(self, _root: _Node | None = None, _size: int = 0) -> None:
        self._root = _root
        self._size = _size

    @classmethod
    def of(cls, items: Iterable[tuple[K, V]] | dict[K, V]) -> SortedMap[K, V]:
        """A map of *items* (pairs, or a dict); a later pair wins over an earlier one."""
        pairs = items.items() if isinstance(items, dict) else items
        found: SortedMap[K, V] = cls()
        for key, value in pairs:
            found = found.set(key, value)
        return found

    def __len__(self) -> int:
        return self._size

    def __bool__(self) -> bool:
        return self._size > 0

    def __contains__(self, key: object) -> bool:
        return self.get(key, _ABSENT) is not _ABSENT  # type: ignore[call-overload]

    def __getitem__(self, key: K) -> V:
        value = self.get(key, _ABSENT)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    @overload
    def get(self, key: K) -> V | None: ...
    @overload
    def get(self, key: K, default: D) -> V | D: ...
    def get(self, key: K, default: object = None) -> object:
        """The value at *key*, or *default*."""
        if self._root is None:
            return default
        leaf = _leaf_of(self._root, key)
        i = bisect_left(leaf.keys, key)
        return leaf.values[i] if i < len(leaf.keys) and leaf.keys[i] == key else default

    def set(self, key: K, value: V) -> SortedMap[K, V]:
        """A copy with *key* mapped to *value*."""
        if self._root is None:
            return SortedMap(_Leaf((key,), (value,)), 1)
        root, added = _inserted(self._root, key, value)
        return SortedMap(root, self._size + added)

    def discard(self, key: K) -> SortedMap[K, V]:
        """A copy without *key* (this map itself when *key* is absent)."""
        if self._root is None:
            return self
        root = _removed(self._root, key)
        if root is self._root:
            return self
        return SortedMap(root, self._size - 1)

    def first(self) -> tuple[K, V] | None:
        """The smallest key and its value, or ``None`` when the map is empty."""
        node = self._root
        if node is None:
            return None
        while isinstance(node, _Branch):
            node = node.children[0]
        return node.keys[0], node.values[0]

    def items(self) -> Iterator[tuple[K, V]]:
        """The items in key order."""
        if self._root is not None:
            for leaf in _leaves(self._root):
                yield from zip(leaf.keys, leaf.values, strict=True)

    def keys(self) -> Iterator[K]:
        """The keys in order."""
        if self._root is not None:
            for leaf in _leaves(self._root):
                yield from leaf.keys

    def values(self) -> Iterator[V]:
        """The values in key order."""
        if self._root is not None:
            for leaf in _leaves(self._root):
                yield from leaf.values

    __iter__ = keys

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SortedMap):
            return NotImplemented
        return self._size == other._size and all(
            a == b for a, b in zip(self.items(), other.items(), strict=True)
        )

    def __hash__(self) -> int:
        return hash(tuple(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return SortedMap.of, (list(self.items()),)

    def __repr__(self) -> str:
        return f"SortedMap({dict(self.items())!r})"


_ABSENT: Any = object()
