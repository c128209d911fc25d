using System.Collections;
using RunLens.Formats.Pickle;
using RunLens.Loading;

namespace RunLens.Formats.Maze;

/// <summary>
/// One pickled Maze episode record (<c>trajectory_data/&lt;episode id&gt;.pkl</c>, written by
/// <c>TrajectoryWriterFile</c>), read with <see cref="SafePickle"/> (no pickled code runs) into one
/// <see cref="Episode"/> of kind <c>demonstration</c> with its <see cref="Trajectory"/>. Records are recognised by
/// shape, so every Maze version reads: an object with <c>step_records</c> (<c>StateTrajectoryRecord</c>,
/// <c>SpacesTrajectoryRecord</c>, the first versions' <c>EpisodeRecord</c>), or a list of them.
/// <list type="bullet">
/// <item><c>StateRecord</c> steps (<c>maze_state</c>, <c>maze_action</c>, <c>reward</c>, <c>done</c>,
/// <c>env_time</c>): Maze's TrajectoryRecordingWrapper records the state each step acted on, the action and the
/// reward, then one final record with the last state and no action or reward. That final record is not a step: its
/// state is the extra final observation.</item>
/// <item><c>StructuredSpacesRecord</c> steps (<c>substep_records</c> of <c>SpacesRecord</c>s with
/// <c>observation</c>, <c>action</c>, <c>reward</c>): a step's reward is the sum of its sub-steps' rewards; with
/// several sub-steps, parts are named <c>&lt;step_key&gt;.&lt;key&gt;</c>.</item>
/// </list>
/// Per step: the reward (a scalar, or the sum of a reward array or dict; NaN when None); the action and observation
/// as numbers (every numeric part, see <see cref="PickleValues"/>, concatenated); tracks <c>action</c> /
/// <c>action.&lt;key&gt;</c> and <c>obs</c> / <c>obs.&lt;key&gt;</c> for parts of up to 8 numbers (<c>[i]</c> per
/// number of a vector), and <c>env_time</c>. Positions only when the observation clearly names them: a part whose
/// last key is <c>position</c>, <c>pos</c>, <c>agent_pos</c>, <c>agent_position</c>, <c>location</c>, <c>xy</c>,
/// <c>xyz</c>, <c>coordinates</c> or <c>coords</c> holding 2 or 3 numbers, else sibling scalars <c>x</c>, <c>y</c>
/// (and <c>z</c>), at every step; a bare vector (a gym observation) is never guessed to be a position. Grids when
/// every step's observation has a 2-D integer or bool array under the same key (the first such). Return = the sum
/// of the rewards that are numbers.
/// </summary>
/// <param name="file">The pickle file.</param>
internal sealed class MazeTrajectoryEpisodes(RunFile file) : IEpisodeSource
{
    /// <summary>Pickles above this size are not read (they are loaded whole).</summary>
    public const long MaxBytes = 512L << 20;

    /// <summary>Parts with at most this many numbers get tracks.</summary>
    private const int MaxTrackWidth = 8;

    private static readonly HashSet<string> PositionNames = new(StringComparer.OrdinalIgnoreCase)
        { "position", "pos", "agent_pos", "agent_position", "location", "xy", "xyz", "coordinates", "coords" };

    public RunFile File { get; } = file;

    public IEnumerable<Episode> Read(List<LoadIssue> issues)
    {
        var path = File.Path;
        byte[] data;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxBytes)
            {
                issues.Add(new LoadIssue(path, null, null, FormattableString.Invariant($"{length} bytes, more than RunLens reads from one pickle ({MaxBytes}); its episode is not loaded")));
                return [];
            }
            data = System.IO.File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(path, null, null, $"cannot read the pickle: {ex.Message}"));
            return [];
        }
        var root = SafePickle.Load(data, out var problem, out var offset);
        if (problem is not null)
        {
            issues.Add(new LoadIssue(path, offset, null, $"{problem}; its episode is not loaded"));
            return [];
        }
        var records = root is ArrayList list ? list.Cast<object?>().ToList() : [root];
        var episodes = new List<Episode>();
        foreach (var record in records)
        {
            if (record is not PyObject obj || obj.Attribute("step_records") is not ArrayList steps)
            {
                issues.Add(new LoadIssue(path, null, null, $"the pickle holds {PickleValues.Describe(record)}, not a Maze episode record (an object with step_records, such as StateTrajectoryRecord or SpacesTrajectoryRecord); nothing is loaded from it"));
                continue;
            }
            var problems = new HashSet<string>(StringComparer.Ordinal);
            var episode = Build(obj, steps, problems, issues);
            foreach (var p in problems.Order(StringComparer.Ordinal).Take(10))
                issues.Add(new LoadIssue(path, null, null, $"{obj.ClassName}: {p}; that part is left out of the observations and actions"));
            if (episode is not null)
                episodes.Add(episode);
        }
        return episodes;
    }

    private Episode? Build(PyObject record, ArrayList steps, HashSet<string> problems, List<LoadIssue> issues)
    {
        var first = steps.Count > 0 ? steps[0] as PyObject : null;
        if (first is null || !(first.Has("maze_state") || first.Has("substep_records")))
        {
            issues.Add(new LoadIssue(File.Path, null, null, steps.Count == 0
                ? $"{record.ClassName} has no step records; no episode is loaded"
                : $"{record.ClassName}'s steps are {PickleValues.Describe(steps[0])}, neither Maze StateRecords nor StructuredSpacesRecords; no episode is loaded"));
            return null;
        }
        var rows = new List<StepRow>();
        List<Leaf>? final = null;
        var stateSteps = first.Has("maze_state");
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] is not PyObject step)
            {
                issues.Add(new LoadIssue(File.Path, null, null, FormattableString.Invariant($"step record {i} is {PickleValues.Describe(steps[i])}; it is skipped")));
                continue;
            }
            if (stateSteps)
            {
                var isFinal = i == steps.Count - 1 && i > 0 && step.Attribute("maze_action") is null && step.Attribute("reward") is null;
                var observation = PickleValues.Leaves(step.Attribute("maze_state"), problems);
                if (isFinal)
                {
                    final = observation;
                    continue;
                }
                rows.Add(new StepRow(PickleValues.Reward(step.Attribute("reward")), observation,
                    PickleValues.Leaves(step.Attribute("maze_action"), problems), PickleValues.Number(step.Attribute("env_time")) ?? double.NaN));
            }
            else
            {
                rows.Add(SpacesRow(step, problems));
            }
        }
        var rewards = rows.Select(r => r.Reward).ToArray();
        var numbers = rewards.Where(r => !double.IsNaN(r)).ToList();
        var tracks = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        AddTracks(tracks, "action", rows.Select(r => r.Action).ToList());
        AddTracks(tracks, "obs", rows.Select(r => r.Observation).ToList());
        if (rows.Any(r => !double.IsNaN(r.EnvTime)))
            tracks["env_time"] = rows.Select(r => r.EnvTime).ToArray();
        var observations = rows.Select(r => Concat(r.Observation)).ToList();
        if (final is not null)
            observations.Add(Concat(final));
        return new Episode(0, numbers.Count == 0 ? double.NaN : numbers.Sum(), rows.Count)
        {
            Kind = EpisodeKinds.Demonstration,
            Source = File.RelativePath,
            Trajectory = new Trajectory(rewards)
            {
                Actions = rows.All(r => r.Action.Count == 0) ? null : rows.Select(r => Concat(r.Action)).ToList(),
                Observations = observations.All(o => o.Length == 0) ? null : observations,
                Positions = Positions(rows),
                Grids = Grids(rows),
                Tracks = tracks,
            },
        };
    }

    /// <summary>One structured step: its sub-steps' observations and actions, their rewards summed.</summary>
    private static StepRow SpacesRow(PyObject step, HashSet<string> problems)
    {
        var subs = (step.Attribute("substep_records") as ArrayList)?.OfType<PyObject>().ToList() ?? [];
        var observation = new List<Leaf>();
        var action = new List<Leaf>();
        var rewards = new List<double>();
        double envTime = double.NaN;
        foreach (var sub in subs)
        {
            // ActorID is a NamedTuple: (step_key, agent_id) are its constructor arguments.
            var key = sub.Attribute("actor_id") is PyObject { Args: [var stepKey, ..] } ? Convert.ToString(stepKey, System.Globalization.CultureInfo.InvariantCulture) : null;
            var prefix = subs.Count > 1 && key is not null ? key + "." : "";
            observation.AddRange(PickleValues.Leaves(sub.Attribute("observation"), problems).Select(l => l with { Path = Prefixed(prefix, l.Path) }));
            action.AddRange(PickleValues.Leaves(sub.Attribute("action"), problems).Select(l => l with { Path = Prefixed(prefix, l.Path) }));
            var reward = PickleValues.Reward(sub.Attribute("reward"));
            if (!double.IsNaN(reward))
                rewards.Add(reward);
            envTime = PickleValues.Number(sub.Attribute("env_time")) ?? envTime;
        }
        return new StepRow(rewards.Count == 0 ? double.NaN : rewards.Sum(), observation, action, envTime);
    }

    private static string Prefixed(string prefix, string path) => prefix.Length == 0 ? path : path.Length == 0 ? prefix[..^1] : prefix + path;

    private static double[] Concat(List<Leaf> leaves) => leaves.SelectMany(l => l.Values).ToArray();

    /// <summary>Tracks for the parts of up to <see cref="MaxTrackWidth"/> numbers, NaN at steps without them.</summary>
    private static void AddTracks(Dictionary<string, IReadOnlyList<double>> tracks, string prefix, List<List<Leaf>> steps)
    {
        for (var t = 0; t < steps.Count; t++)
        {
            foreach (var leaf in steps[t])
            {
                if (leaf.Values.Length > MaxTrackWidth)
                    continue;
                var name = leaf.Path.Length == 0 ? prefix : prefix + "." + leaf.Path;
                for (var i = 0; i < leaf.Values.Length; i++)
                {
                    var trackName = leaf.Values.Length == 1 && leaf.Array is not { Rank: > 0 } ? name : FormattableString.Invariant($"{name}[{i}]");
                    if (!tracks.TryGetValue(trackName, out var track))
                        tracks[trackName] = track = Enumerable.Repeat(double.NaN, steps.Count).ToArray();
                    ((double[])track)[t] = leaf.Values[i];
                }
            }
        }
    }

    /// <summary>Positions by the documented rule (a named position part, else x/y/z siblings), or null.</summary>
    private static double[][]? Positions(List<StepRow> rows)
    {
        if (rows.Count == 0)
            return null;
        var positions = new double[rows.Count][];
        for (var t = 0; t < rows.Count; t++)
        {
            if (Position(rows[t].Observation) is not { } position)
                return null;
            positions[t] = position;
        }
        return positions;
    }

    private static double[]? Position(List<Leaf> leaves)
    {
        foreach (var leaf in leaves)
        {
            if (leaf.Values.Length is 2 or 3 && PositionNames.Contains(LastKey(leaf.Path)))
                return leaf.Values;
        }
        foreach (var x in leaves.Where(l => l.Values.Length == 1 && LastKey(l.Path) is "x"))
        {
            var parent = x.Path[..^1];
            var y = leaves.FirstOrDefault(l => l.Values.Length == 1 && l.Path == parent + "y");
            var z = leaves.FirstOrDefault(l => l.Values.Length == 1 && l.Path == parent + "z");
            if (y is not null)
                return z is null ? [x.Values[0], y.Values[0]] : [x.Values[0], y.Values[0], z.Values[0]];
        }
        return null;
    }

    private static string LastKey(string path) => path[(path.LastIndexOf('.') + 1)..];

    /// <summary>The first 2-D integer or bool part of the first observation, when every step has it as such.</summary>
    private static int[][][]? Grids(List<StepRow> rows)
    {
        if (rows.Count == 0)
            return null;
        var candidate = rows[0].Observation.FirstOrDefault(IsGrid);
        if (candidate is null)
            return null;
        var grids = new int[rows.Count][][];
        for (var t = 0; t < rows.Count; t++)
        {
            var leaf = rows[t].Observation.FirstOrDefault(l => l.Path == candidate.Path);
            if (leaf is null || !IsGrid(leaf))
                return null;
            var (height, width) = (leaf.Array!.Shape[0], leaf.Array.Shape[1]);
            var grid = grids[t] = new int[height][];
            for (var y = 0; y < height; y++)
            {
                grid[y] = new int[width];
                for (var x = 0; x < width; x++)
                    grid[y][x] = (int)leaf.Values[(y * width) + x];
            }
        }
        return grids;
    }

    private static bool IsGrid(Leaf leaf) =>
        leaf.Array is { Rank: 2, DType.Kind: 'i' or 'u' or 'b' } && leaf.Values.All(v => v is >= int.MinValue and <= int.MaxValue);

    /// <summary>One step's numbers.</summary>
    private sealed record StepRow(double Reward, List<Leaf> Observation, List<Leaf> Action, double EnvTime);
}
