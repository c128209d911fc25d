using RunLens.Formats.Numpy;
using RunLens.Loading;
namespace RunLens.Formats.Trajectories;

/// <summary>
/// An <c>imitation</c> trajectory file (<c>imitation.data.serialize</c>'s <c>.npz</c> layout): every trajectory's
/// arrays concatenated, <c>acts</c> [N, ...], <c>rews</c> [N] (absent for trajectories without rewards),
/// <c>obs</c> [N + T, ...] (each trajectory keeps its final observation, so it has one more row than actions),
/// <c>infos</c> (pickled dicts, not read), <c>terminal</c> bool [T] and <c>indices</c> int [T - 1]: the split points
/// of <c>acts</c> and <c>rews</c>. Trajectory j's observations split at <c>indices[j] + j + 1</c>, as
/// <c>np.split(obs, indices + arange(T - 1) + 1)</c> in imitation's loader. Each trajectory becomes an
/// <see cref="Episode"/> of kind <c>demonstration</c> with its actions, observations and rewards; without
/// <c>rews</c> its return and rewards are NaN. When each observation is a 2-D array of integers (<c>obs</c> of
/// shape [N + T, H, W] and an integer or bool dtype: a colour grid, a board, a downsampled screen) the trajectory
/// also gets <see cref="Trajectory.Grids"/>: the observation each step acted on, one per step. The final
/// observation (the state after the last step) is then only in <see cref="Trajectory.Observations"/>, so Grids
/// line up with the actions and rewards.
/// </summary>
/// <param name="file">The <c>.npz</c> file.</param>
internal sealed class TrajectoryEpisodes(RunFile file) : IEpisodeSource
{
    /// <summary>
    /// Observation arrays above this many values are not loaded (as doubles they would take over 512 MB); the
    /// trajectories still load with their actions and rewards.
    /// </summary>
    public const long MaxObservationValues = 64L << 20;

    /// <summary>The arrays that make a file a trajectory file.</summary>
    public static readonly string[] RequiredArrays = ["acts", "indices"];

    public RunFile File { get; } = file;

    public IEnumerable<Episode> Read(List<LoadIssue> issues)
    {
        var path = File.Path;
        using var archive = NpzArchive.Open(path, issues);
        var acts = archive.Read("acts", issues);
        var indices = archive.Read("indices", issues);
        if (acts is null || indices is null)
        {
            issues.Add(new LoadIssue(path, null, null, "no readable 'acts' and 'indices' arrays: not an imitation trajectory file; nothing is loaded from it"));
            yield break;
        }
        var steps = acts.Length;
        var ends = Ends(indices, steps);
        if (ends is null)
        {
            issues.Add(new LoadIssue(path, indices.FileOffset, null, FormattableString.Invariant(
                $"'indices' (shape [{string.Join(", ", indices.Shape)}]) are not increasing split points within the {steps} steps; nothing is loaded from it")));
            yield break;
        }
        var rews = archive.Read("rews", issues);
        if (rews is not null && rews.Data.Length != steps)
        {
            issues.Add(new LoadIssue(path, rews.FileOffset, null, FormattableString.Invariant(
                $"'rews' has {rews.Data.Length} values for {steps} steps; rewards are not loaded (NaN)")));
            rews = null;
        }
        var obs = ReadObservations(archive, steps + ends.Length, issues);
        var grids = obs is { Rank: 3 } && obs.DType.Kind is NpyKind.Int or NpyKind.UInt or NpyKind.Bool && FitsInt(obs, issues);
        var start = 0;
        for (var j = 0; j < ends.Length; j++)
        {
            var end = ends[j];
            var length = end - start;
            var rewards = new double[length];
            var total = 0.0;
            for (var t = 0; t < length; t++)
            {
                rewards[t] = rews is null ? double.NaN : rews.Data[start + t];
                total += rewards[t];
            }
            yield return new Episode(0, total, length)
            {
                Kind = EpisodeKinds.Demonstration,
                Source = File.RelativePath,
                Trajectory = new Trajectory(rewards)
                {
                    Actions = Rows(acts, start, length),
                    // Trajectory j's observations start j rows later than its actions: one final observation per earlier trajectory.
                    Observations = obs is null ? null : Rows(obs, start + j, length + 1),
                    Grids = grids ? Grids(obs!, start + j, length) : null,
                },
            };
            start = end;
        }
    }

    /// <summary>The end (exclusive) of each trajectory in the step arrays, or null when the split points are invalid.</summary>
    private static int[]? Ends(NpyArray indices, int steps)
    {
        if (indices.Rank != 1)
            return null;
        var ends = new int[indices.Length + 1];
        var previous = 0.0;
        for (var j = 0; j < indices.Length; j++)
        {
            var split = indices.Data[j];
            if (split < previous || split > steps || split != Math.Floor(split))
                return null;
            ends[j] = (int)split;
            previous = split;
        }
        ends[^1] = steps;
        return ends;
    }

    private NpyArray? ReadObservations(NpzArchive archive, int rows, List<LoadIssue> issues)
    {
        if (archive.Find("obs") is not { } member || archive.ReadHeader(member, issues) is not { } header)
            return null;
        if (!header.DType.IsNumeric)
        {
            issues.Add(new LoadIssue(archive.Path, member.HeaderOffset, null, $"array 'obs': {NpzArchive.NotNumeric(header.DType)}; the trajectories load without observations"));
            return null;
        }
        if (header.Count > MaxObservationValues)
        {
            issues.Add(new LoadIssue(archive.Path, member.HeaderOffset, null, FormattableString.Invariant(
                $"array 'obs' holds {header.Count} values (shape {header.ShapeText}), more than RunLens loads ({MaxObservationValues}); the trajectories load without observations")));
            return null;
        }
        var obs = archive.Read(member, issues);
        if (obs is not null && obs.Length != rows)
        {
            issues.Add(new LoadIssue(archive.Path, obs.FileOffset, null, FormattableString.Invariant(
                $"'obs' has {obs.Length} rows, expected {rows} (one per step plus one final observation per trajectory); the trajectories load without observations")));
            return null;
        }
        return obs;
    }

    /// <summary>True when every value of the integer observations fits an int (else no grids, with an issue).</summary>
    private bool FitsInt(NpyArray obs, List<LoadIssue> issues)
    {
        foreach (var v in obs.Data)
        {
            if (v is < int.MinValue or > int.MaxValue)
            {
                issues.Add(new LoadIssue(File.Path, obs.FileOffset, null, FormattableString.Invariant(
                    $"'obs' ({obs.DType}) holds {v}, beyond a 32-bit cell: the observations are not read as grids")));
                return false;
            }
        }
        return true;
    }

    /// <summary>Observation rows start .. start + count - 1 as [H][W] grids.</summary>
    private static int[][][] Grids(NpyArray obs, int start, int count)
    {
        var (height, width) = (obs.Shape[1], obs.Shape[2]);
        var grids = new int[count][][];
        for (var t = 0; t < count; t++)
        {
            var row = obs.Row(start + t);
            var grid = grids[t] = new int[height][];
            for (var y = 0; y < height; y++)
            {
                var cells = grid[y] = new int[width];
                for (var x = 0; x < width; x++)
                    cells[x] = (int)row[(y * width) + x];
            }
        }
        return grids;
    }

    private static double[][] Rows(NpyArray array, int start, int count)
    {
        var rows = new double[count][];
        for (var i = 0; i < count; i++)
            rows[i] = array.Row(start + i).ToArray();
        return rows;
    }
}
