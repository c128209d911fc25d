using System.Collections;
using System.Text;
using RunLens.Formats.Pickle;
using RunLens.Loading;

namespace RunLens.Formats.Trajectories;

/// <summary>
/// An <c>imitation</c> trajectory pickle: what <c>imitation.data.types.save</c> wrote before it wrote <c>.npz</c>
/// (and what <c>types.load</c> still reads), a pickled list of <c>Trajectory</c> / <c>TrajectoryWithRew</c>
/// dataclasses, each with <c>obs</c> [T + 1, ...], <c>acts</c> [T, ...], <c>rews</c> [T] (with rewards only),
/// <c>terminal</c> and <c>infos</c> (dicts, not read). The pickle is loaded as data (<see cref="SafePickle"/>: no
/// code runs) and each trajectory becomes an <see cref="Episode"/> of kind <c>demonstration</c>, as from the
/// <c>.npz</c> layout (<see cref="TrajectoryEpisodes"/>).
/// </summary>
/// <param name="file">The <c>.pkl</c> file.</param>
/// <param name="copyOf">
/// The <c>.npz</c> beside it with the same name (imitation wrote both, <c>final.pkl</c> and <c>final.npz</c>), or
/// null. When given, the pickle is read only to check it: if it holds the same trajectories (count, lengths,
/// actions and rewards at float32 precision), it gives none, and otherwise all of its own, with an issue saying so.
/// </param>
internal sealed class PickledTrajectoryEpisodes(RunFile file, TrajectoryEpisodes? copyOf) : IEpisodeSource
{
    /// <summary>The classes imitation pickles a trajectory as.</summary>
    private static readonly string[] TrajectoryClasses =
        ["imitation.data.types.TrajectoryWithRew", "imitation.data.types.Trajectory"];

    /// <summary>Pickles larger than this are not loaded (the unpickler holds the whole file and its objects).</summary>
    public const long MaxBytes = 256L << 20;

    public RunFile File { get; } = file;

    /// <summary>
    /// True when the file's first bytes are a pickle naming imitation's trajectory class (checked without loading
    /// it, so listing stays cheap).
    /// </summary>
    public static bool LooksLikeTrajectories(FileInfo file)
    {
        try
        {
            using var stream = file.OpenRead();
            var head = new byte[4096];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (read < 2 || head[0] != 0x80)
                return false;
            var text = Encoding.Latin1.GetString(head, 0, read);
            return text.Contains("imitation.data.types", StringComparison.Ordinal) && text.Contains("Trajectory", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public IEnumerable<Episode> Read(List<LoadIssue> issues)
    {
        var own = Load(issues);
        if (own is null)
            return [];
        if (copyOf is null)
            return own;
        var npzIssues = new List<LoadIssue>();
        var npz = copyOf.Read(npzIssues).ToList();
        if (npzIssues.Count == 0 && Same(own, npz))
            return [];
        issues.Add(new LoadIssue(File.Path, null, null, FormattableString.Invariant(
            $"holds other trajectories than {Path.GetFileName(copyOf.File.Path)} beside it ({own.Count} against {npz.Count}, or other lengths, actions or rewards), so its episodes are read too")));
        return own;
    }

    private List<Episode>? Load(List<LoadIssue> issues)
    {
        var path = File.Path;
        byte[] data;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxBytes)
            {
                issues.Add(new LoadIssue(path, null, null, FormattableString.Invariant(
                    $"a trajectory pickle of {length} bytes, more than RunLens loads ({MaxBytes}); convert it with imitation's types.save to .npz, which streams")));
                return null;
            }
            data = System.IO.File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(path, null, null, $"cannot read: {ex.Message}"));
            return null;
        }
        var loaded = SafePickle.Load(data, out var problem, out var offset);
        if (problem is not null || loaded is not IList list)
        {
            issues.Add(new LoadIssue(path, offset, null, problem ?? "the pickle is not a list of trajectories; nothing is loaded from it"));
            return null;
        }
        var episodes = new List<Episode>();
        for (var j = 0; j < list.Count; j++)
        {
            if (Episode(list[j], j, issues) is { } episode)
                episodes.Add(episode);
        }
        return episodes;
    }

    private Episode? Episode(object? item, int index, List<LoadIssue> issues)
    {
        if (item is not PyObject { State: Hashtable state } trajectory || !TrajectoryClasses.Contains(trajectory.ClassName, StringComparer.Ordinal))
        {
            issues.Add(new LoadIssue(File.Path, null, null, FormattableString.Invariant(
                $"item {index} is not an imitation Trajectory ({(item as PyObject)?.ClassName ?? item?.GetType().Name ?? "None"}); it is skipped")));
            return null;
        }
        if (state["acts"] is not NumpyArray { Problem: null, Rank: > 0 } acts)
        {
            issues.Add(new LoadIssue(File.Path, null, null, FormattableString.Invariant($"trajectory {index} has no readable 'acts' array; it is skipped")));
            return null;
        }
        var length = acts.Shape[0];
        var rews = state["rews"] as NumpyArray;
        if (rews is not null && (rews.Problem is not null || rews.Data.Length != length))
        {
            issues.Add(new LoadIssue(File.Path, null, null, FormattableString.Invariant(
                $"trajectory {index}: 'rews' is not {length} numbers ({rews.Problem ?? $"{rews.Data.Length} values"}); its rewards are not loaded (NaN)")));
            rews = null;
        }
        var obs = state["obs"] as NumpyArray;
        if (obs is not null && (obs.Problem is not null || obs.Rank == 0 || obs.Shape[0] != length + 1))
        {
            issues.Add(new LoadIssue(File.Path, null, null, FormattableString.Invariant(
                $"trajectory {index}: 'obs' is not {length + 1} rows ({obs.Problem ?? $"shape [{string.Join(", ", obs.Shape)}]"}); it loads without observations")));
            obs = null;
        }
        var rewards = new double[length];
        var total = 0.0;
        for (var t = 0; t < length; t++)
        {
            rewards[t] = rews is null ? double.NaN : rews.Data[t];
            total += rewards[t];
        }
        var grids = obs is { Rank: 3, DType.Kind: 'i' or 'u' or 'b' } && obs.Data.All(v => v is >= int.MinValue and <= int.MaxValue);
        return new Episode(0, total, length)
        {
            Kind = EpisodeKinds.Demonstration,
            Source = File.RelativePath,
            Trajectory = new Trajectory(rewards)
            {
                Actions = Rows(acts, length),
                Observations = obs is null ? null : Rows(obs, length + 1),
                Grids = grids ? Grids(obs!, length) : null,
            },
        };
    }

    /// <summary>Same trajectories: count, lengths, and actions and rewards at float32 precision (NaN equals NaN).</summary>
    private static bool Same(List<Episode> a, List<Episode> b)
    {
        if (a.Count != b.Count)
            return false;
        for (var i = 0; i < a.Count; i++)
        {
            var (x, y) = (a[i].Trajectory!, b[i].Trajectory!);
            if (a[i].Length != b[i].Length || !Same(x.Rewards, y.Rewards))
                return false;
            if ((x.Actions, y.Actions) is ({ } xa, { } ya) && (xa.Count != ya.Count || xa.Zip(ya).Any(p => !Same(p.First, p.Second))))
                return false;
        }
        return true;
    }

    private static bool Same(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        a.Count == b.Count && a.Zip(b).All(p => (float)p.First == (float)p.Second || (double.IsNaN(p.First) && double.IsNaN(p.Second)));

    private static double[][] Rows(NumpyArray array, int count)
    {
        var size = array.Data.Length / Math.Max(1, array.Shape[0]);
        var rows = new double[count][];
        for (var i = 0; i < count; i++)
            rows[i] = array.Data.AsSpan(i * size, size).ToArray();
        return rows;
    }

    private static int[][][] Grids(NumpyArray obs, int count)
    {
        var (height, width) = (obs.Shape[1], obs.Shape[2]);
        var grids = new int[count][][];
        for (var t = 0; t < count; t++)
        {
            var grid = grids[t] = new int[height][];
            for (var y = 0; y < height; y++)
            {
                var cells = grid[y] = new int[width];
                for (var x = 0; x < width; x++)
                    cells[x] = (int)obs.Data[(((t * height) + y) * width) + x];
            }
        }
        return grids;
    }
}
