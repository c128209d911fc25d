"""Writes the Maze trajectory pickles the RunLens tests read (run once; the .pkl files are committed).

Needs only Python 3's standard library: neither Maze nor numpy is installed. Stand-ins for their classes are
registered under the real module names (sys.modules), so the pickle opcodes name the same globals Maze and numpy
pickles name, and each stand-in reduces the way the real class does:

- numpy.ndarray: ndarray.__reduce__ (numpy/_core/src/multiarray/methods.c, array_reduce) gives
  (multiarray._reconstruct, (ndarray, (0,), b'b'), (1, shape, dtype, is_fortran, raw_bytes)); with protocol 5 and a
  contiguous array, array_reduce_ex_picklebuffer gives (numeric._frombuffer, (PickleBuffer, dtype, shape, order)).
  numpy 1.x names the modules numpy.core.*, numpy 2.x numpy._core.*.
- numpy.dtype: arraydescr_reduce (descriptor.c) gives (numpy.dtype, ('f8', False, True), (3, '<', None, None, None,
  -1, -1, 0)); '|' is the byte order of one-byte types.
- numpy scalars (np.float32(1.5)): (multiarray.scalar, (dtype, raw_bytes)).
- Maze records are plain classes and dataclasses (pickled as NEWOBJ + BUILD with their __dict__); ActorID is a
  NamedTuple (NEWOBJ with its fields as arguments); an EventRecord keeps its interface class and method as globals.

Run: python3 make_fixtures.py (writes next to this script).
"""
import dataclasses
import os
import pickle
import struct
import sys
import types
from typing import NamedTuple, Any

HERE = os.path.dirname(os.path.abspath(__file__))


def module(name):
    """A stand-in module registered under its real name (and as an attribute of its parent)."""
    mod = sys.modules.get(name)
    if mod is None:
        mod = types.ModuleType(name)
        sys.modules[name] = mod
        if "." in name:
            parent, child = name.rsplit(".", 1)
            setattr(module(parent), child, mod)
    return mod


def place(obj, module_name, name=None):
    """Registers obj as module_name.name, so pickle writes that global for it."""
    name = name or obj.__name__
    obj.__module__ = module_name
    obj.__qualname__ = name
    setattr(module(module_name), name, obj)
    return obj


# --- numpy stand-ins -----------------------------------------------------------------------------------------

FORMATS = {"f4": "f", "f8": "d", "i4": "i", "i8": "q", "b1": "?", "u1": "B"}


class dtype:
    def __init__(self, code):
        self.code = code  # 'f8', 'i4', ...

    def __reduce__(self):
        endian = "|" if self.code in ("b1", "u1") else "<"
        return (dtype, (self.code, False, True), (3, endian, None, None, None, -1, -1, 0))


class ndarray:
    # Which numpy the pickle imitates: 1 writes numpy.core.*, 2 numpy._core.*.
    numpy_major = 1

    def __init__(self, code, shape, values, fortran=False):
        self.dtype = dtype(code)
        self.shape = tuple(shape)
        self.fortran = fortran
        # values are given in C order; a Fortran array's memory holds them column-major.
        flat = list(values)
        if fortran and len(shape) == 2:
            rows, cols = shape
            flat = [flat[r * cols + c] for c in range(cols) for r in range(rows)]
        self.raw = struct.pack("<" + FORMATS[code] * len(flat), *flat)

    def __reduce_ex__(self, protocol):
        core = "numpy.core" if ndarray.numpy_major == 1 else "numpy._core"
        if protocol < 5:
            return (module(core + ".multiarray")._reconstruct, (ndarray, (0,), b"b"),
                    (1, self.shape, self.dtype, self.fortran, self.raw))
        return (module(core + ".numeric")._frombuffer,
                (pickle.PickleBuffer(bytearray(self.raw)), self.dtype, self.shape, "F" if self.fortran else "C"))


class NumpyScalar:
    def __init__(self, code, value):
        self.dtype = dtype(code)
        self.raw = struct.pack("<" + FORMATS[code], value)

    def __reduce__(self):
        core = "numpy.core" if ndarray.numpy_major == 1 else "numpy._core"
        return (module(core + ".multiarray").scalar, (self.dtype, self.raw))


def _reconstruct(*args):
    raise AssertionError("never called: only pickled by reference")


def scalar(*args):
    raise AssertionError("never called")


def _frombuffer(*args):
    raise AssertionError("never called")


place(dtype, "numpy")
place(ndarray, "numpy")
for core in ("numpy.core", "numpy._core"):
    # Distinct function objects per module, each registered under its own name.
    place(types.FunctionType(_reconstruct.__code__, {}, "_reconstruct"), core + ".multiarray")
    place(types.FunctionType(scalar.__code__, {}, "scalar"), core + ".multiarray")
    place(types.FunctionType(_frombuffer.__code__, {}, "_frombuffer"), core + ".numeric")

# --- Maze stand-ins (attribute names as in maze/core/...) -------------------------------------------------------

M = "maze.core.trajectory_recording.records."


class TrajectoryRecord:
    def __init__(self, id):
        self.seed_id = id
        self.step_records = []


class StateTrajectoryRecord(TrajectoryRecord):
    def __init__(self, id, renderer=None):
        super().__init__(id)
        self.renderer = renderer


class SpacesTrajectoryRecord(TrajectoryRecord):
    pass


class StateRecord:
    def __init__(self, env_time, maze_state, maze_action, step_event_log=None, reward=None, done=None, info=None,
                 serializable_components=None):
        self.env_time = env_time
        self.maze_state = maze_state
        self.maze_action = maze_action
        self.step_event_log = step_event_log
        self.reward = reward
        self.done = done
        self.info = info
        self.serializable_components = serializable_components


class RawState:
    def __init__(self, observation):
        self.observation = observation


class RawMazeAction:
    def __init__(self, action):
        self.action = action


class ActorID(NamedTuple):
    step_key: Any
    agent_id: int


@dataclasses.dataclass
class SpacesRecord:
    actor_id: ActorID
    observation: Any = None
    action: Any = None
    reward: Any = None
    done: Any = None
    info: Any = None
    next_observation: Any = None
    logits: Any = None
    discounted_return: Any = None
    batch_shape: Any = None
    policy_record: Any = None
    env_time: Any = None


@dataclasses.dataclass
class StructuredSpacesRecord:
    substep_records: Any = None
    event_log: Any = None
    step_stats: Any = None
    episode_stats: Any = None


class BaseEnvEvents:
    def reward(self, value):
        pass


class EventRecord:
    def __init__(self, interface_class, interface_method, attributes):
        self.interface_class = interface_class
        self.interface_method = interface_method
        self.attributes = attributes


class EventCollection:
    def __init__(self, events=()):
        self.events = list(events)


class StepEventLog:
    def __init__(self, env_time, events=None):
        self.events = events if events is not None else EventCollection()
        self.env_time = env_time


class CuttingState:
    """A Maze-native state object of some environment (the viewer's example env is 2D cutting)."""

    def __init__(self, inventory, position, step):
        self.inventory = inventory
        self.position = position
        self.step = step


place(TrajectoryRecord, M + "trajectory_record")
place(StateTrajectoryRecord, M + "trajectory_record")
place(SpacesTrajectoryRecord, M + "trajectory_record")
place(StateRecord, M + "state_record")
place(RawState, M + "raw_maze_state")
place(RawMazeAction, M + "raw_maze_state")
place(SpacesRecord, M + "spaces_record")
place(StructuredSpacesRecord, M + "structured_spaces_record")
place(ActorID, "maze.core.env.structured_env")
place(BaseEnvEvents, "maze.core.env.base_env_events")
BaseEnvEvents.reward.__qualname__ = "BaseEnvEvents.reward"
BaseEnvEvents.reward.__module__ = "maze.core.env.base_env_events"
place(EventRecord, "maze.core.events.event_record")
place(EventCollection, "maze.core.events.event_collection")
place(StepEventLog, "maze.core.log_events.step_event_log")
place(CuttingState, "maze_envs.cutting.cutting_state")


def reward_events(value):
    return StepEventLog(0, EventCollection([EventRecord(BaseEnvEvents, BaseEnvEvents.reward, {"value": value})]))


def write(name, obj, protocol):
    with open(os.path.join(HERE, name), "wb") as f:
        pickle.dump(obj, f, protocol=protocol)


def gym_episode():
    """A gym env recorded by Maze: maze_state is the raw observation (float32 [x, y, vx]), the action an int64
    scalar, rewards Python floats; 3 steps and Maze's final record (state only, no action or reward)."""
    record = StateTrajectoryRecord("0b5e-gym")
    for t in range(3):
        obs = ndarray("f4", [3], [t * 1.0, -t * 1.0, 0.5])
        record.step_records.append(StateRecord(
            env_time=t, maze_state=obs, maze_action=NumpyScalar("i8", t % 2), step_event_log=reward_events(t + 1.0),
            reward=float(t + 1), done=(t == 2), info={"TimeLimit.truncated": False}, serializable_components={}))
    record.step_records.append(StateRecord(None, ndarray("f4", [3], [3.0, -3.0, 0.5]), None))
    return record


def native_episode():
    """A Maze-native env: the state an object with a position and a 2x2 int grid (Fortran order), the action a
    dict, rewards numpy float64 scalars."""
    record = StateTrajectoryRecord("cut-1", renderer=None)
    for t in range(2):
        state = CuttingState(
            inventory=ndarray("i4", [2, 2], [t, 1, 2, 3], fortran=True),
            position=ndarray("f8", [2], [10.0 + t, 20.0 - t]),
            step=t)
        record.step_records.append(StateRecord(
            env_time=t, maze_state=state, maze_action={"piece": t + 1, "rotation": ndarray("b1", [1], [t == 1])},
            reward=NumpyScalar("f8", -0.5 * (t + 1)), done=(t == 1)))
    record.step_records.append(StateRecord(2, CuttingState(ndarray("i4", [2, 2], [0, 0, 0, 0]),
                                                           ndarray("f8", [2], [12.0, 18.0]), 2), None))
    return record


def spaces_episode():
    """A SpacesTrajectoryRecord (what Maze's imitation learning loads): one sub-step per step, observation and
    action dicts of numpy arrays, uint8 observation part, float32 rewards."""
    record = SpacesTrajectoryRecord("spaces-1")
    for t in range(2):
        sub = SpacesRecord(
            actor_id=ActorID(0, 0),
            observation={"observation": ndarray("f4", [2], [t + 0.5, t - 0.5]), "mask": ndarray("u1", [2], [1, t])},
            action={"action": ndarray("i8", [], [t + 3])},
            reward=NumpyScalar("f4", 2.0), done=NumpyScalar("b1", t == 1))
        record.step_records.append(StructuredSpacesRecord(substep_records=[sub]))
    return record


class OsSystem:
    """What a hostile pickle looks like: os.system('touch <marker>') called while loading."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, ("touch " + self.marker,))


def main():
    ndarray.numpy_major = 1
    write("gym_numpy1_protocol4.pkl", gym_episode(), 4)
    write("native_numpy1_protocol2.pkl", native_episode(), 2)
    ndarray.numpy_major = 2
    write("native_numpy2_protocol5.pkl", native_episode(), 5)
    write("spaces_numpy2_protocol5.pkl", spaces_episode(), 5)
    # The marker is relative: if anything ever ran this, it would create the file in the current folder.
    write("os_system.pkl", OsSystem("runlens_maze_pickle_executed"), 4)
    # The classic hand-written form: GLOBAL os.system, a MARK'd argument tuple, REDUCE (protocol 0).
    with open(os.path.join(HERE, "os_system_protocol0.pkl"), "wb") as f:
        f.write(b"cos\nsystem\n(S'touch runlens_maze_pickle_executed'\ntR.")


if __name__ == "__main__":
    main()
