using System.Collections;
using System.Globalization;
using RunLens.Fields;

namespace RunLens.Loading;

/// <summary>
/// Tools write the same numbers to several files, and reading each would put every point into the run twice. A file
/// is skipped as a mirror only where this check verified it (nothing here is one tool's own: SB3 and Ray Tune use it).
/// SB3's logger writes the same numbers to each of its outputs (<c>configure(folder, ["csv", "json",
/// "tensorboard"])</c>: progress.csv, progress.json, TensorBoard event files), and EvalCallback's evaluations.npz holds
/// the <c>eval/mean_reward</c> and <c>eval/mean_ep_length</c> it also logs. Reading every output would put each point
/// into the run twice; skipping one unchecked could drop data it alone holds. So a mirror is skipped only where it is
/// verified: this check compares each mirror's metrics with the primary log's (progress.csv, else progress.json),
/// metric by metric, and only the metrics found identical are left out of the mirror; the rest of it is read.
/// </summary>
/// <remarks>
/// <para>Identical means: the same metric (the same name as written, or the one primary name that is a TensorBoard
/// tag with '/' as '.', alone or nested in an object: see <c>Counterpart</c>), the same number of points, and the same
/// multiset of (step, value) pairs, values compared at float32 precision (TensorBoard stores float32; SB3's CSV
/// writes float32 numbers with float32's shortest digits where its JSON widens them to float64), text values exactly.
/// Each side is reduced to a count and an order-independent 64-bit hash of its pairs per metric, computed by reading
/// the files through their own record readers, so the check holds no points in memory. A mirror whose reading met any
/// problem (a bad record, a cut-off file) is not verified at all and is read whole, so its problems show.</para>
/// <para>Cost: discovery reads nothing here. The check runs once per run, the first time a mirror's reader is opened
/// (the first scan) or the run's <see cref="RunInfo.Notes"/> are read, and reads the primary log and the mirrors
/// once. Its outcome is in the notes: which file (or which metrics of it) was not read as a verified mirror of which,
/// and why the rest was read.</para>
/// <para>The mirrors are <see cref="FileFormats.Mirror"/> files: their <see cref="MirrorSource"/> holds the source
/// they are read with, the check and their group.</para>
/// </remarks>
internal sealed partial class Mirrors
{
    private readonly IReadOnlyList<RunFile> _primary;
    private readonly string _primaryName;
    private readonly string _writer;
    private readonly List<Group> _groups = [];
    private readonly FieldMap _map;
    private readonly Lazy<Outcome> _outcome;

    /// <param name="primary">The log every mirror is compared with: progress.csv, else progress.json.</param>
    /// <param name="map">The run's field map, so names and steps are the ones the scan gives.</param>
    /// <param name="writer">Who writes the copies, as the notes name it (<c>SB3's logger</c>).</param>
    public Mirrors(RunFile primary, FieldMap map, string writer)
        : this([primary], Path.GetFileName(primary.Path), map, writer)
    {
    }

    /// <param name="primary">The files every mirror is compared with, together (nothing here is SB3's own: another
    /// format with one log written in several formats can use this check as it is).</param>
    /// <param name="primaryName">How the notes name them.</param>
    /// <param name="map">The run's field map, so names and steps are the ones the scan gives.</param>
    /// <param name="writer">Who writes the copies, as the notes name it (<c>Ray Tune</c>).</param>
    public Mirrors(IReadOnlyList<RunFile> primary, string primaryName, FieldMap map, string writer)
    {
        _primary = primary;
        _primaryName = primaryName;
        _writer = writer;
        _map = map;
        _outcome = new Lazy<Outcome>(Verify, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>True when no mirror was added.</summary>
    public bool IsEmpty => _groups.Count == 0;

    /// <summary>
    /// Adds files the logger wrote in one other output format (all event files of one folder are one group: a resumed
    /// run writes several) and returns them as the run's <see cref="FileFormats.Mirror"/> files.
    /// </summary>
    /// <param name="name">How the notes name the group (<c>progress.json</c>, <c>PPO_1/ (2 event files)</c>).</param>
    /// <param name="files">The files, described with the format that reads them.</param>
    public IReadOnlyList<RunFile> Add(string name, IReadOnlyList<RunFile> files)
    {
        var group = new Group(name, files);
        _groups.Add(group);
        var mirrors = new List<RunFile>();
        foreach (var file in files)
            mirrors.Add(file with { Source = new MirrorSource(file.Source, this, group) });
        return mirrors;
    }

    /// <summary>The run's notes: <paramref name="notes"/>, then the check's outcome (which runs the check when first read).</summary>
    public IReadOnlyList<string> Notes(IReadOnlyList<string> notes) => IsEmpty ? notes : new LazyNotes(notes, this);

    /// <summary>
    /// Opens a <see cref="FileFormats.Mirror"/> file: nothing when every metric of it is a verified mirror, its
    /// unverified metrics when some are, the whole file otherwise.
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    private IRecordReader Open(RunFile file, RecordSource source, Group group, FieldTable fields, ScanIssues issues)
    {
        var verdict = _outcome.Value.Verdicts[group];
        if (verdict.Verified.Count == 0)
            return source.Open(file, fields, issues);
        if (verdict.Whole)
            return new NoRecords();
        // A mirror read as a stream of its own names its fields through the stream's view (tensorboard:loss).
        var without = file.Stream is not { } stream ? verdict.LeftOut
            : verdict.LeftOut.Select(name => stream + FieldTable.StreamSeparator + name).ToHashSet(StringComparer.Ordinal);
        return new WithoutFields(source.Open(file, fields, issues), fields, without);
    }

    /// <summary>A mirror file: read by <paramref name="Inner"/>, without what <paramref name="Check"/> verified.</summary>
    /// <param name="Inner">The source that reads the file as its own format.</param>
    /// <param name="Check">The run's check.</param>
    /// <param name="Group">The output the file belongs to.</param>
    internal sealed record MirrorSource(RecordSource Inner, Mirrors Check, Group Group) : RecordSource(FileFormats.Mirror)
    {
        public override IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues) =>
            Check.Open(file, Inner, Group, fields, issues);

        public override IReadOnlyList<string> DiskPaths(RunFile file) => Inner.DiskPaths(file);
    }

    private Outcome Verify()
    {
        var primary = Fingerprint.Of(_primary, _map);
        var primaryName = _primaryName;
        var verdicts = new Dictionary<Group, Verdict>();
        var notes = new List<string>();
        foreach (var group in _groups)
        {
            var print = Fingerprint.Of(group.Files, _map);
            var verdict = Compare(primary, print);
            verdicts[group] = verdict;
            notes.Add(Note(group.Name, primaryName, _writer, primary, print, verdict));
        }
        return new Outcome(verdicts, notes);
    }

    private static Verdict Compare(Fingerprint primary, Fingerprint mirror)
    {
        var verified = new HashSet<string>(StringComparer.Ordinal);
        var textOnly = new HashSet<string>(StringComparer.Ordinal);
        if (mirror.Problems > 0 || primary.Problems < 0)
            return new Verdict(verified, textOnly, Whole: false);
        foreach (var (name, print) in mirror.Metrics)
        {
            if (Counterpart(primary, name) is { } same && primary.Metrics[same] == print)
                verified.Add(name);
            else if (!print.HasNumbers && Counterpart(primary, name) is null)
                textOnly.Add(name);
        }
        // Text-only columns the primary lacks (lists that a CSV writes as their text, where the JSON log holds arrays
        // that are not values) are not read from the mirror: their rows are the primary's rows, so reading them would
        // count each of those records twice, and text is never plotted. The note names them.
        if (verified.Count == 0)
            textOnly.Clear();
        return new Verdict(verified, textOnly, Whole: verified.Count + textOnly.Count == mirror.Metrics.Count);
    }

    private static string Note(string name, string primaryName, string writer, Fingerprint primary, Fingerprint mirror, Verdict verdict)
    {
        if (mirror.Problems > 0)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{name} is read as its own stream, though {writer} writes it as a copy of {primaryName}: reading it met {mirror.Problems} problem(s), so it was not checked against {primaryName}.");
        }
        if (mirror.Metrics.Count == 0)
            return $"{name} was not read: it holds no records ({writer} writes it as a copy of {primaryName}).";
        var text = verdict.TextOnly.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
            $" Its {verdict.TextOnly.Count} column(s) of text only that {primaryName} lacks ({Names(verdict.TextOnly)}) are not read either: their rows are {primaryName}'s rows, and text is not plotted.");
        if (verdict.Whole && verdict.TextOnly.Count == 0)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{name} was not read: a verified mirror of {primaryName} (each of its {mirror.Metrics.Count} metrics has the same points, values compared at float32 precision; {writer} writes the same numbers to both).");
        }
        if (verdict.Whole)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{name} was not read: a verified mirror of {primaryName} (each of its other {verdict.Verified.Count} metrics has the same points, values compared at float32 precision; {writer} writes the same numbers to both).{text}");
        }
        var differing = mirror.Metrics.Keys.Where(k => !verdict.LeftOut.Contains(k)).Order(StringComparer.Ordinal).ToList();
        var why = string.Join("; ", differing.Take(3).Select(k => Why(k, primaryName, primary, mirror)));
        var more = differing.Count > 3 ? string.Create(CultureInfo.InvariantCulture, $"; and {differing.Count - 3} more") : "";
        if (verdict.Verified.Count == 0)
            return $"{name} is read as its own stream: it is not a mirror of {primaryName} ({why}{more}).";
        var same = verdict.Verified.Order(StringComparer.Ordinal).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"{name}: {same.Count} of its {mirror.Metrics.Count} metrics ({Names(same)}) are verified mirrors of {primaryName}'s and not read from it; {(differing.Count == 1 ? "the other is" : $"the other {differing.Count} are")} read ({why}{more}).{text}");
    }

    private static string Names(IEnumerable<string> names)
    {
        var sorted = names.Order(StringComparer.Ordinal).ToList();
        return string.Join(", ", sorted.Take(5)) + (sorted.Count > 5 ? ", ..." : "");
    }

    /// <summary>
    /// The primary's name for a mirror's metric: the same name; else, as one logger's outputs name one number in their
    /// own ways (a TensorBoard tag <c>train/loss</c> is <c>train.loss</c> in JSON, and a JSON log may nest every metric
    /// in an object, <c>metrics.train.loss</c>), the one primary name that is the tag with '/' as '.', alone or after
    /// an object path. Null when there is none or more than one: then the metric is not a mirror.
    /// </summary>
    private static string? Counterpart(Fingerprint primary, string name)
    {
        if (primary.Metrics.ContainsKey(name))
            return name;
        var dotted = name.Replace('/', '.');
        if (!ReferenceEquals(dotted, name) && primary.Metrics.ContainsKey(dotted))
            return dotted;
        string? found = null;
        foreach (var candidate in primary.Metrics.Keys)
        {
            if (candidate.Length > dotted.Length && candidate[candidate.Length - dotted.Length - 1] == '.'
                && candidate.EndsWith(dotted, StringComparison.Ordinal))
            {
                if (found is not null)
                    return null;
                found = candidate;
            }
        }
        return found;
    }

    private static string Why(string metric, string primaryName, Fingerprint primary, Fingerprint mirror)
    {
        if (Counterpart(primary, metric) is not { } same)
            return $"'{metric}' is not in {primaryName}";
        var other = primary.Metrics[same];
        var mine = mirror.Metrics[metric];
        var there = same == metric ? primaryName : $"{primaryName} (as '{same}')";
        return mine.Count != other.Count
            ? string.Create(CultureInfo.InvariantCulture, $"'{metric}' has {mine.Count} points here and {other.Count} in {there}")
            : $"'{metric}' has other steps or values than in {there}";
    }

    /// <summary>One output format's files (compared together with the primary log).</summary>
    internal sealed class Group(string name, IReadOnlyList<RunFile> files)
    {
        public string Name { get; } = name;

        public IReadOnlyList<RunFile> Files { get; } = files;
    }

    /// <summary>The metrics of a group found identical to the primary's; <see cref="Whole"/> when that is all of them.</summary>
    /// <param name="Verified">Metrics with the primary's points, left out of the mirror.</param>
    /// <param name="TextOnly">Metrics of text only that the primary does not have, left out with the verified ones.</param>
    /// <param name="Whole">Every metric of the mirror is left out.</param>
    private sealed record Verdict(HashSet<string> Verified, HashSet<string> TextOnly, bool Whole)
    {
        /// <summary>Every metric the mirror is read without.</summary>
        public HashSet<string> LeftOut { get; } = [.. Verified, .. TextOnly];
    }

    private sealed record Outcome(Dictionary<Group, Verdict> Verdicts, List<string> Notes);


    /// <summary>The run's notes, with the check's outcome appended when first read.</summary>
    private sealed class LazyNotes(IReadOnlyList<string> notes, Mirrors check) : IReadOnlyList<string>
    {
        private readonly Lazy<List<string>> _all = new(() => [.. notes, .. check._outcome.Value.Notes], LazyThreadSafetyMode.ExecutionAndPublication);

        public string this[int index] => _all.Value[index];

        public int Count => _all.Value.Count;

        public IEnumerator<string> GetEnumerator() => _all.Value.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
