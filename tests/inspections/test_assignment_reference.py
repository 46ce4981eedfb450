"""The assignment of inspectors, computed the way docs/draw-algorithm.md states it (for each target:
the best free inspector of each department of a joint plan, then the best of the rest, "best"
meaning fewest targets so far, then the smallest rank key, then the smallest id), must equal what
the algorithm file computes with its shortcuts (shared-prefix hashing, only the lowest loads ranked)."""

from hypothesis import given
from hypothesis import strategies as st

from inspections.draw import algorithm as alg
from tests.inspections.test_algorithm import FAST, draw_inputs, drawn_conflicts, seal


def assignment_as_specified(parameters, chosen, inspectors, tokens, keys, seed):
    departments, per_target = parameters["departments"], parameters["inspectors_per_target"]
    load = {i.inspector_id: 0 for i in inspectors}
    teams = []
    for row, _reason, _key in chosen:
        conflicted = {i.inspector_id for i in inspectors
                      if alg.conflict_token(keys[row.target_id], i.inspector_id) in tokens}
        free = [i for i in inspectors if i.inspector_id not in conflicted]

        def best(pool, target_id=row.target_id):
            return min(pool, key=lambda person: (load[person.inspector_id],
                                                 alg.inspector_rank_key(seed, target_id, person.inspector_id),
                                                 person.inspector_id))

        team = []
        if len(departments) > 1:
            for department in departments:
                pool = [i for i in free if i.department == department]
                if not pool:
                    return teams
                team.append(best(pool))
        while len(team) < per_target:
            pool = [i for i in free if i not in team]
            if not pool:
                return teams
            team.append(best(pool))
        for inspector in team:
            load[inspector.inspector_id] += 1
        teams.append([i.inspector_id for i in team])
    return teams


@FAST
@given(inputs=st.one_of(draw_inputs(), draw_inputs(departments=("JT", "ZJ"))), data=st.data())
def test_the_teams_are_those_the_specification_picks(inputs, data):
    parameters, targets, inspectors, secret = inputs
    sealed = seal(parameters, targets, inspectors, secret, drawn_conflicts(data, targets, inspectors))
    result = sealed.run(secret)
    chosen, _strata, _excluded = alg.select_targets(parameters, sealed.targets, result.seed)
    expected = assignment_as_specified(parameters, chosen, inspectors, sealed.tokens, sealed.keys, result.seed)
    assert [s.inspectors for s in result.selected if s.inspectors] == expected
