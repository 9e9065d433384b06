"""Interchangeable meetings of an instance, for symmetry breaking in the exact stages.

Two participants are interchangeable when they have the same availability, nothing fixed, and
the same meetings up to their own name (same other participants, slot domain and priority),
and do not meet each other: swapping them in any schedule gives a schedule with the same
placements and breaks. A group of k such participants multiplies every schedule by k!, which
the SAT search otherwise explores (forum-13crafb: one company meets seven identical one-meeting
participants, 5,040 copies of each schedule). Ordering the group by the slot of their meeting
with one common partner keeps exactly one copy. Repeated meetings (same participants, same
domain) are ordered the same way. A group is left out when its members are another group's
common partners (or the other way round), so that the orderings never contradict each other.
"""

from __future__ import annotations

from collections import defaultdict

from .core import Problem


def ordered_chains(pb: Problem) -> list[list[int]]:
    """Chains of movable meetings whose slots may be required strictly increasing.

    Every chain's meetings share a participant (so their slots always differ), and every
    schedule can be permuted into one where each chain is increasing without changing any
    participant's number of meetings or breaks, or any slot's load.
    """
    chains: list[list[int]] = []
    used: set[int] = set()
    members_of: set[int] = set()  # participants of accepted groups
    anchors: set[int] = set()  # their common partners
    groups: dict[tuple, list[int]] = defaultdict(list)
    for p in range(pb.P):
        ms = pb.pmeet[p]
        if not ms or pb.fixed_busy[p] or any(pb.fixed_slot[m] >= 0 for m in ms):
            continue
        groups[(pb.pavail[p], tuple(sorted(_sig(pb, m, p) for m in ms)))].append(p)
    for key, members in groups.items():
        if len(members) < 2:
            continue
        inside = set(members)
        if any(q in inside for p in members for m in pb.pmeet[p] for q in pb.parts[m] if q != p):
            continue
        sigs = [s for s in key[1] if key[1].count(s) == 1 and s[0]]
        if not sigs:
            continue
        anchor = sigs[0]
        if inside & anchors or members_of & set(anchor[0]):
            continue  # renaming one group would reorder another's chain
        members_of |= inside
        anchors.update(anchor[0])
        chain = [next(m for m in pb.pmeet[p] if _sig(pb, m, p) == anchor) for p in members]
        chains.append(chain)
        used.update(chain)
    same: dict[tuple, list[int]] = defaultdict(list)
    for m in pb.movable:
        if m not in used:
            same[(tuple(sorted(pb.parts[m])), pb.dom[m], pb.weight[m])].append(m)
    chains += [ms for ms in same.values() if len(ms) > 1]
    return chains


def _sig(pb: Problem, m: int, p: int) -> tuple:
    """Meeting m seen from participant p: the others, its slot domain, its priority."""
    return (tuple(sorted(q for q in pb.parts[m] if q != p)), pb.dom[m], pb.weight[m])
