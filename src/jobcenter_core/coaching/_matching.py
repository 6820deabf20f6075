"""
Engine: a priority-ordered maximum assignment of clients to servers with capacities, by
augmenting paths over *kinds* instead of individuals (coaching/_matching.py).

Each client brings items, each of one kind; a server serves the kinds it has, up to its
capacity; a client is served through at most one of its items. Clients whose kinds are
the same set are interchangeable, and so are servers with the same set of kinds, so the
flow runs over those groups: a few dozen nodes however many clients and servers there
are. This module speaks no law; the rule it computes, and its readable specification,
are in :mod:`jobcenter_core.coaching.allocation`, and the differential tests in
``tests/coaching/test_engine_matching.py`` check the two agree.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterable, Sequence

__all__ = ["assign_in_order"]

_Group = frozenset[str]


class _Flow:
    """Units of client groups on server groups, within the server groups' capacities."""

    def __init__(self, capacity: dict[_Group, int]) -> None:
        self.capacity = capacity
        self.load = dict.fromkeys(capacity, 0)
        self.units: dict[_Group, dict[_Group, int]] = {}  # client group -> server group -> n
        self.users: dict[_Group, dict[_Group, int]] = {s: {} for s in capacity}
        self.reached: set[_Group] = set()

    def neighbours(self, clients: _Group) -> list[_Group]:
        return [s for s in self.capacity if s & clients]

    def add(self, clients: _Group, servers: _Group, n: int) -> None:
        row = self.units.setdefault(clients, {})
        row[servers] = row.get(servers, 0) + n
        users = self.users[servers]
        users[clients] = users.get(clients, 0) + n
        self.load[servers] += n
        if not row[servers]:
            del row[servers]
            del users[clients]

    def room_from(self, starts: Iterable[_Group]) -> list[tuple[_Group, _Group | None]] | None:
        """
        A path from one of *starts* to a server group with room, as the moves to make
        (client group, server group it leaves) from the far end back; ``None`` if there is
        none; then ``self.reached`` holds the server groups it reached, all full, and every
        unit on them can only go to one of them.
        """
        came: dict[_Group, tuple[_Group | None, _Group | None]] = {}
        queue: deque[_Group] = deque()
        for s in starts:
            if s not in came:
                came[s] = (None, None)
                queue.append(s)
        while queue:
            here = queue.popleft()
            if self.load[here] < self.capacity[here]:
                path: list[tuple[_Group, _Group | None]] = []
                while True:
                    clients, before = came[here]
                    if clients is None:
                        path.append((frozenset(), here))
                        return path
                    path.append((clients, here))
                    assert before is not None
                    here = before
            for clients in list(self.users[here]):
                for there in self.neighbours(clients):
                    if there not in came:
                        came[there] = (clients, here)
                        queue.append(there)
        self.reached = set(came)
        return None

    def shift(self, path: list[tuple[_Group, _Group | None]]) -> _Group:
        """Make the moves of *path*: each client group moves one unit along; the start."""
        # path: [(c_k, s_k), ..., (c_1, s_1), (∅, s_0)]; c_j moves from s_{j-1} to s_j.
        for j in range(len(path) - 1):
            clients, there = path[j]
            _, before = path[j + 1]
            assert there is not None and before is not None
            self.add(clients, before, -1)
            self.add(clients, there, 1)
        start = path[-1][1]
        assert start is not None
        return start


def assign_in_order(
    items: Sequence[tuple[str, str, str]],
    servers: Sequence[tuple[str, Iterable[str], int]],
) -> dict[str, str]:
    """
    Item id -> server id for the items that are served.

    *items* are ``(item id, client id, kind)`` in priority order (a client stands at its
    first item); *servers* ``(server id, kinds, capacity)``. First the clients, in order,
    are kept whenever an augmenting path can serve them with all kept before; then the
    items, in order, of kept clients not yet placed each take the server of their kind
    with the most capacity left (then the smaller id) that leaves room for the rest.
    """
    kinds_of: dict[str, set[str]] = {}
    for _, client, kind in items:
        kinds_of.setdefault(client, set()).add(kind)
    group_of = {client: frozenset(kinds) for client, kinds in kinds_of.items()}
    server_group = {sid: frozenset(kinds) for sid, kinds, _ in servers}
    capacity: dict[_Group, int] = {}
    for sid, _, n in servers:
        if n > 0:
            capacity[server_group[sid]] = capacity.get(server_group[sid], 0) + n
    flow = _Flow(capacity)

    # 1. Who is served: clients in order, each kept if an augmenting path serves it.
    kept: list[str] = []
    full: set[_Group] = set()  # server groups full for good with clients who can go nowhere else
    for client in group_of:
        group = group_of[client]
        reach = flow.neighbours(group)
        if not reach or all(s in full for s in reach):
            continue
        path = flow.room_from(reach)
        if path is None:
            full |= flow.reached
            continue
        start = flow.shift(path)
        flow.add(group, start, 1)
        kept.append(client)

    # 2. Which server: items in order, the best server whose group leaves room for the rest.
    left = {sid: n for sid, _, n in servers}
    best: dict[_Group, list[tuple[int, str]]] = {s: [] for s in capacity}
    for sid, _, n in servers:
        if n > 0:
            heapq.heappush(best[server_group[sid]], (-n, sid))
    unplaced = set(kept)
    plan: dict[str, str] = {}
    for item, client, kind in items:
        if client not in unplaced:
            continue
        group = group_of[client]
        candidates = sorted((best[s][0], s) for s in capacity if kind in s and best[s])
        for _, servers_group in candidates:
            if _take(flow, group, servers_group):
                _, sid = heapq.heappop(best[servers_group])
                left[sid] -= 1
                if left[sid]:
                    heapq.heappush(best[servers_group], (-left[sid], sid))
                plan[item] = sid
                unplaced.remove(client)
                break
    return plan


def _take(flow: _Flow, clients: _Group, servers: _Group) -> bool:
    """
    Place one unit of *clients* in *servers* for good (one unit less of each), if the
    remaining units still fit; else change nothing.
    """
    if flow.units[clients].get(servers, 0):
        flow.add(clients, servers, -1)
    else:
        elsewhere = min(flow.units[clients], key=sorted)  # where a unit of them is now
        flow.add(clients, elsewhere, -1)
        if flow.load[servers] >= flow.capacity[servers]:
            path = flow.room_from([servers])
            if path is None:
                flow.add(clients, elsewhere, 1)
                return False
            flow.shift(path)
    flow.capacity[servers] -= 1
    return True
