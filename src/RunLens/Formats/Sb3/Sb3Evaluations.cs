using System.Globalization;
using RunLens.Formats.Numpy;

namespace RunLens.Formats.Sb3;

/// <summary>
/// SB3's <c>evaluations.npz</c>, written by <c>EvalCallback</c> after every evaluation (the whole file each time):
/// <c>timesteps</c> int64 [n], <c>results</c> [n, episodes] (float64, float32 in some files), <c>ep_lengths</c>
/// int [n, episodes] and, when the environment reports <c>is_success</c>, <c>successes</c> [n, m] (float32 or bool).
/// <para>
/// A 3-D <c>results</c> [n, episodes, k] comes from a vector reward (multi-objective environments: SB3 sums rewards
/// per component). RunLens reads it as k reward components: an episode's <see cref="Episode.Return"/> is the mean
/// of its components and <see cref="Episode.RewardComponents"/> holds each as <c>reward_0</c> ... so that
/// <c>eval/mean_reward</c>, which SB3 computes as <c>np.mean</c> over the whole evaluation's array, is the mean of
/// the episodes' returns, as it is for scalar rewards.
/// </para>
/// </summary>
internal sealed class Sb3Evaluations
{
    /// <summary>The metric names, as SB3's EvalCallback records them (<c>eval/std_reward</c> SB3 only prints).</summary>
    public const string MeanReward = "eval/mean_reward";

    /// <inheritdoc cref="MeanReward"/>
    public const string StdReward = "eval/std_reward";

    /// <inheritdoc cref="MeanReward"/>
    public const string MeanEpLength = "eval/mean_ep_length";

    /// <inheritdoc cref="MeanReward"/>
    public const string SuccessRate = "eval/success_rate";

    private static readonly IReadOnlyDictionary<string, double> NoComponents = new Dictionary<string, double>();

    private Sb3Evaluations(double[] timesteps, NpyArray results, NpyArray? lengths, NpyArray? successes, int count)
    {
        Timesteps = timesteps;
        Results = results;
        Lengths = lengths;
        Successes = successes;
        Count = count;
    }

    /// <summary>The training step of each evaluation.</summary>
    public double[] Timesteps { get; }

    /// <summary>The episode returns: [n, episodes] or [n, episodes, k].</summary>
    public NpyArray Results { get; }

    /// <summary>The episode lengths [n, episodes], or null when absent or unusable (reported).</summary>
    public NpyArray? Lengths { get; }

    /// <summary>The success flags [n, m], or null.</summary>
    public NpyArray? Successes { get; }

    /// <summary>The evaluations read (the rows every array has).</summary>
    public int Count { get; }

    /// <summary>Episodes per evaluation.</summary>
    public int EpisodesPer => Results.Shape[1];

    /// <summary>Reward components per episode: 1, or k of a 3-D <c>results</c>.</summary>
    public int Components => Results.Rank == 3 ? Results.Shape[2] : 1;

    /// <summary>
    /// Reads the file. Null (with an issue) when <c>timesteps</c> or <c>results</c> is missing or unusable; rows
    /// beyond the shortest of the arrays are reported and left out, through <paramref name="skipped"/>.
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static Sb3Evaluations? Read(string path, List<LoadIssue> issues, out int skipped)
    {
        skipped = 0;
        using var archive = NpzArchive.Open(path, issues);
        var timesteps = archive.Read("timesteps", issues);
        var results = archive.Read("results", issues);
        if (timesteps is null || results is null)
        {
            var missing = string.Join(" and ", new[] { ("timesteps", timesteps), ("results", results) }
                .Where(p => p.Item2 is null && archive.Find(p.Item1) is null).Select(p => $"'{p.Item1}'"));
            issues.Add(new LoadIssue(path, null, null, missing.Length > 0
                ? $"not an SB3 evaluations file: no {missing} array; nothing is loaded from it"
                : "the evaluations cannot be read without 'timesteps' and 'results'; nothing is loaded from it"));
            return null;
        }
        if (timesteps.Rank != 1 || results.Rank is not (2 or 3))
        {
            issues.Add(new LoadIssue(path, results.FileOffset, null, FormattableString.Invariant(
                $"unexpected shapes: timesteps {Text(timesteps.Shape)}, results {Text(results.Shape)} (expected [n] and [n, episodes] or [n, episodes, k]); nothing is loaded from it")));
            return null;
        }
        var count = Math.Min(timesteps.Length, results.Length);
        var lengths = archive.Read("ep_lengths", issues);
        if (lengths is not null && !(lengths.Rank >= 2 && lengths.Shape[1] == results.Shape[1] && lengths.Length >= count))
        {
            issues.Add(new LoadIssue(path, lengths.FileOffset, null,
                $"'ep_lengths' has shape {Text(lengths.Shape)}, results {Text(results.Shape)}: episode lengths are not loaded"));
            lengths = null;
        }
        else if (lengths is null && archive.Find("ep_lengths") is null)
        {
            issues.Add(new LoadIssue(path, null, null, "no 'ep_lengths' array: episode lengths are not loaded (0)"));
        }
        if (lengths is not null)
            count = Math.Min(count, lengths.Length);
        var successes = archive.Read("successes", issues);
        if (successes is not null && (successes.Rank != 2 || successes.Length != timesteps.Length))
        {
            // SB3 appends a successes row only when the evaluation saw is_success; rows then no longer line up with
            // the evaluations, so none can be attributed.
            issues.Add(new LoadIssue(path, successes.FileOffset, null,
                $"'successes' has shape {Text(successes.Shape)} for {timesteps.Length} evaluations: its rows cannot be matched to evaluations; success is not loaded"));
            successes = null;
        }
        var rows = Math.Max(timesteps.Length, results.Length);
        if (count < rows)
        {
            skipped = rows - count;
            issues.Add(new LoadIssue(path, results.FileOffset, null, FormattableString.Invariant(
                $"timesteps has {timesteps.Length} rows, results {results.Length}{(lengths is null ? "" : $", ep_lengths {lengths.Length}")}: the {skipped} evaluation(s) after the first {count} are skipped")));
        }
        return new Sb3Evaluations(timesteps.Data, results, lengths, successes, count);
    }

    /// <summary>The training step of evaluation <paramref name="i"/>.</summary>
    public long Step(int i) => (long)Timesteps[i];

    /// <summary>Mean and population standard deviation of evaluation <paramref name="i"/>'s returns, as <c>np.mean</c> and <c>np.std</c> (ddof 0) over its whole row.</summary>
    public (double Mean, double Std) Rewards(int i) => MeanStd(Results.Row(i));

    /// <summary>The mean episode length of evaluation <paramref name="i"/>; NaN without lengths.</summary>
    public double MeanLength(int i)
    {
        if (Lengths is null || EpisodesPer == 0)
            return double.NaN;
        var sum = 0.0;
        for (var e = 0; e < EpisodesPer; e++)
            sum += Length(i, e);
        return sum / EpisodesPer;
    }

    /// <summary>The length of episode <paramref name="e"/> of evaluation <paramref name="i"/> (the first of a 3-D array's per-component copies).</summary>
    private double Length(int i, int e) => Lengths!.Data[(i * Lengths.RowSize) + (e * (Lengths.RowSize / EpisodesPer))];

    /// <summary>The success rate of evaluation <paramref name="i"/> (<c>np.mean</c> of its successes), or null.</summary>
    public double? Success(int i) => Successes is null || Successes.RowSize == 0 ? null : MeanStd(Successes.Row(i)).Mean;

    /// <summary>One episode per evaluation episode, in file order (evaluation by evaluation).</summary>
    public IEnumerable<Episode> Episodes(string source)
    {
        var per = EpisodesPer;
        var k = Components;
        var successPerEpisode = Successes is not null && Successes.Shape[1] == per;
        for (var i = 0; i < Count; i++)
        {
            for (var e = 0; e < per; e++)
            {
                double value;
                var components = NoComponents;
                if (k == 1 && Results.Rank == 2)
                {
                    value = Results.At(i, e);
                }
                else
                {
                    var parts = new Dictionary<string, double>(k, StringComparer.Ordinal);
                    var sum = 0.0;
                    for (var j = 0; j < k; j++)
                    {
                        var v = Results.At(i, e, j);
                        parts["reward_" + j.ToString(CultureInfo.InvariantCulture)] = v;
                        sum += v;
                    }
                    value = k == 0 ? double.NaN : sum / k;
                    components = parts;
                }
                var length = Lengths is null ? 0 : (long)Length(i, e);
                yield return new Episode(0, value, length)
                {
                    Kind = EpisodeKinds.Evaluation,
                    TrainingStep = Step(i),
                    Success = successPerEpisode ? Successes!.At(i, e) != 0 : null,
                    Source = source,
                    RewardComponents = components,
                };
            }
        }
    }

    private static (double Mean, double Std) MeanStd(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
            return (double.NaN, double.NaN);
        var sum = 0.0;
        foreach (var v in values)
            sum += v;
        var mean = sum / values.Length;
        var squares = 0.0;
        foreach (var v in values)
            squares += (v - mean) * (v - mean);
        return (mean, Math.Sqrt(squares / values.Length));
    }

    private static string Text(int[] shape) => "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}
