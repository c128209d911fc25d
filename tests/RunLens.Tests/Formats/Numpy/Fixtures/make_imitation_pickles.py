"""Writes the imitation trajectory pickles the RunLens tests read (run once; the .pkl files are committed).

Needs only Python 3's standard library: neither imitation nor numpy is installed. numpy's stand-ins come from the
Maze fixtures' script (they reduce the way numpy's ndarray and dtype do); imitation's TrajectoryWithRew is a frozen
dataclass, registered as imitation.data.types.TrajectoryWithRew, which pickles as imitation's does (NEWOBJ of the
class, then BUILD with its __dict__: obs, acts, infos, terminal, rews). imitation.data.types.save wrote such a list
with pickle before it wrote .npz.

The trajectories are the three of TrajectoryTests.ThreeTrajectories: 2, 3 and 1 steps; observation row r holds
(r, -r) and each trajectory keeps its final observation; action t holds (t, 10 t); reward t is t + 1.

Run: python3 make_imitation_pickles.py (writes next to this script).
"""
import dataclasses
import importlib.util
import os
import pickle
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("maze_fixtures", os.path.join(HERE, "..", "..", "Maze", "Fixtures", "make_fixtures.py"))
stand_ins = importlib.util.module_from_spec(spec)
spec.loader.exec_module(stand_ins)
ndarray, place = stand_ins.ndarray, stand_ins.place


@dataclasses.dataclass(frozen=True)
class TrajectoryWithRew:
    obs: Any
    acts: Any
    infos: Any
    terminal: bool
    rews: Any


place(TrajectoryWithRew, "imitation.data.types")


def trajectories(rewards=True):
    result = []
    obs_row, step = 0, 0
    for length in (2, 3, 1):
        obs = [v for r in range(obs_row, obs_row + length + 1) for v in (r, -r)]
        acts = [v for t in range(step, step + length) for v in (t, 10 * t)]
        rews = [t + 1.0 for t in range(step, step + length)]
        result.append(TrajectoryWithRew(
            obs=ndarray("f4", [length + 1, 2], obs),
            acts=ndarray("i8", [length, 2], acts),
            infos=None,
            terminal=True,
            rews=ndarray("f8", [length], rews) if rewards else None))
        obs_row += length + 1
        step += length
    return result


def main():
    ndarray.numpy_major = 1
    with open(os.path.join(HERE, "three_trajectories_protocol4.pkl"), "wb") as f:
        pickle.dump(trajectories(), f, protocol=4)


if __name__ == "__main__":
    main()
