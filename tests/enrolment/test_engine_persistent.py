"""
The roster's persistent sorted map (enrolment/_persistent.py) against plain references:
a ``dict`` for what it holds and ``sorted`` for its order. Every version must still read
as it did when it was made.
"""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples

from jobcenter_core.enrolment._persistent import _MOST, SortedMap, _Branch, _Leaf, _Node

SET, DISCARD, POP_FIRST = "set", "discard", "pop first"

# Keys as the roster uses them: order keys (-priority, instant, id), small and mostly
# increasing, as registrations and deadlines arrive with the clock.
ORDER_KEYS = st.tuples(
    st.integers(-2, 0), st.integers(0, 400).map(float), st.sampled_from(["r-1", "r-2"])
)
INT_KEYS = st.integers(-60, 400)


def steps(keys: st.SearchStrategy[Any], max_size: int) -> st.SearchStrategy[list[tuple[str, Any]]]:
    """Operations: set a key, discard a key (often one not there), or take the first."""
    return st.lists(
        st.one_of(
            st.tuples(st.just(SET), keys),
            st.tuples(st.just(DISCARD), keys),
            st.tuples(st.just(POP_FIRST), st.none()),
        ),
        max_size=max_size,
    )


def run(operations: list[tuple[str, Any]]) -> list[tuple[SortedMap[Any, int], dict[Any, int]]]:
    """Every version of a map and of a dict after each operation, side by side."""
    versions: list[tuple[SortedMap[Any, int], dict[Any, int]]] = [(SortedMap(), {})]
    for i, (op, key) in enumerate(operations):
        found, expected = versions[-1]
        if op == SET:
            versions.append((found.set(key, i), {**expected, key: i}))
        elif op == DISCARD:
            versions.append((found.discard(key), {k: v for k, v in expected.items() if k != key}))
        elif expected:
            first = min(expected)
            assert (first, expected[first]) == found.first()
            rest = {k: v for k, v in expected.items() if k != first}
            versions.append((found.discard(first), rest))
    return versions


def check_reads_like(found: SortedMap[Any, int], expected: dict[Any, int], probe: Any) -> None:
    assert sorted(expected.items()) == list(found.items())
    assert sorted(expected) == list(found.keys()) == list(found)
    assert [expected[k] for k in sorted(expected)] == list(found.values())
    assert len(expected) == len(found)
    assert bool(expected) == bool(found)
    assert all(found.get(k) == v and found[k] == v and k in found for k, v in expected.items())
    assert expected.get(probe) == found.get(probe)
    assert (probe in expected) == (probe in found)
    assert (min(expected.items()) if expected else None) == found.first()
    if probe not in expected:
        with pytest.raises(KeyError):
            found[probe]


def check_equal_to_one_built_at_once(found: SortedMap[Any, int], expected: dict[Any, int]) -> None:
    fresh = SortedMap.of(expected)
    assert fresh == found
    assert hash(fresh) == hash(found)
    assert found == pickle.loads(pickle.dumps(found))


def check_tree(found: SortedMap[Any, int]) -> None:
    """Nodes hold at most ``_MOST`` entries and none is empty, every leaf lies at the same
    depth, and each branch's bounds separate its children's keys."""
    root = found._root
    if root is None:
        assert len(found) == 0
        return
    depths: set[int] = set()

    def walk(node: _Node, depth: int, low: Any, high: Any) -> list[Any]:
        if isinstance(node, _Leaf):
            assert 1 <= len(node.keys) <= _MOST
            assert len(node.keys) == len(node.values)
            depths.add(depth)
            keys = list(node.keys)
        else:
            assert isinstance(node, _Branch)
            assert 1 <= len(node.children) <= _MOST
            assert len(node.bounds) == len(node.children) - 1
            edges = [low, *node.bounds, high]
            keys = []
            for i, child in enumerate(node.children):
                keys += walk(child, depth + 1, edges[i], edges[i + 1])
        assert all((low is None or low <= k) and (high is None or k < high) for k in keys)
        return keys

    assert len(found) == len(walk(root, 0, None, None))
    assert len(depths) == 1


def check_every_version(operations: list[tuple[str, Any]], probe: Any) -> None:
    """Run *operations*; every version reads like its dict and is a sound tree, and the
    last equals a map built at once from its items."""
    versions = run(operations)
    for found, expected in versions:
        check_reads_like(found, expected, probe)
        check_tree(found)
    check_equal_to_one_built_at_once(*versions[-1])


@settings(max_examples=examples(300))
@given(steps(INT_KEYS, max_size=80), INT_KEYS)
def test_sorted_map_reads_like_a_dict_in_every_version(
    operations: list[tuple[str, Any]], probe: int
) -> None:
    """Sets, discards and taking the first item agree with a dict, for old versions too."""

    check_every_version(operations, probe)


@settings(max_examples=examples(300))
@given(steps(ORDER_KEYS, max_size=80), ORDER_KEYS)
def test_sorted_map_serves_order_keys_like_a_sorted_list(
    operations: list[tuple[str, Any]], probe: tuple[int, float, str]
) -> None:
    """With the roster's own keys (priority, instant, id) the first key is the best one."""

    check_every_version(operations, probe)


@settings(max_examples=examples(20))
@given(st.integers(0, 3 * _MOST * _MOST), st.randoms(use_true_random=False))
def test_sorted_map_stays_a_tree_through_many_splits_and_drops(size: int, rnd: Any) -> None:
    """Enough keys for three levels, set in random order and then mostly discarded."""
    keys = list(range(size))
    rnd.shuffle(keys)
    found: SortedMap[int, int] = SortedMap()

    for k in keys:
        found = found.set(k, -k)
    check_tree(found)
    full = found
    for k in keys[: size - size // 10]:
        found = found.discard(k)

    check_tree(found)
    check_reads_like(found, {k: -k for k in keys[size - size // 10 :]}, -1)
    check_reads_like(full, {k: -k for k in keys}, size)


@pytest.mark.slow
@settings(max_examples=examples(10_000))
@given(steps(INT_KEYS, max_size=250), INT_KEYS)
def test_sorted_map_reads_like_a_dict_in_every_version_at_length(
    operations: list[tuple[str, Any]], probe: int
) -> None:
    """The dict comparison on ten thousand longer runs."""

    check_every_version(operations, probe)


@pytest.mark.slow
@settings(max_examples=examples(10_000))
@given(steps(ORDER_KEYS, max_size=250), ORDER_KEYS)
def test_sorted_map_serves_order_keys_like_a_sorted_list_at_length(
    operations: list[tuple[str, Any]], probe: tuple[int, float, str]
) -> None:
    """The sorted-list comparison on ten thousand longer runs of order keys."""

    check_every_version(operations, probe)


def test_discarding_a_missing_key_gives_the_same_map() -> None:
    """Nothing to remove, nothing copied."""
    found = SortedMap.of({1: "a"})

    assert found is found.discard(2)
    assert SortedMap() == SortedMap().discard(1)
