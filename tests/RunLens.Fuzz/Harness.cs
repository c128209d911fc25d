using System.Globalization;

namespace RunLens.Fuzz;

/// <summary>
/// One reader under fuzzing: the bytes of an input are written to a file named <see cref="FileName"/> (readers take
/// paths, as the scan gives them) and read through the reader's own entry point. <see cref="Read"/> returns what
/// came out; <see cref="Run"/> checks the invariants on it and throws <see cref="FuzzFindingException"/> when one
/// fails, so AFL records the input as a crash and the smoke test names it.
/// </summary>
/// <param name="Name">The harness's name on the command line (<c>RunLens.Fuzz run json</c>).</param>
/// <param name="FileName">The name the input is written under: readers choose gzip or a metric key by it.</param>
/// <param name="Reader">What is exercised, for the list and the README.</param>
/// <param name="Read">Reads the file at the path; throws whatever the reader lets escape.</param>
internal sealed record Harness(string Name, string FileName, string Reader, Func<string, Outcome> Read)
{
    /// <summary>True when issue offsets count bytes of the file itself (not of a decompressed stream or a zip member).</summary>
    public bool OffsetsInFile { get; init; } = true;

    /// <summary>Rewrites an input before it is written (the checksum-fixing harnesses); null to write it as it is.</summary>
    public Func<byte[], byte[]>? Prepare { get; init; }

    /// <summary>
    /// Skip reasons that need no issue because the records they count hold nothing: a CSV row of empty cells (a row
    /// of text cells is reported per column at the end, so it has an issue anyway).
    /// </summary>
    public IReadOnlySet<string> QuietSkips { get; init; } = new HashSet<string>();

    /// <summary>
    /// Writes <paramref name="input"/> into <paramref name="scratch"/> and reads it. Any exception the reader lets
    /// escape propagates (a finding); a broken invariant throws <see cref="FuzzFindingException"/>.
    /// </summary>
    public Outcome Run(ReadOnlySpan<byte> input, string scratch)
    {
        var path = Path.Combine(scratch, FileName);
        var bytes = Prepare is { } prepare ? prepare(input.ToArray()) : input;
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1))
            file.Write(bytes);
        var outcome = Read(path);
        Check(outcome, path, bytes.Length);
        return outcome;
    }

    /// <summary>
    /// The invariants. Nothing dropped silently: a record counted as skipped, a reader that stopped before the end of
    /// the file and an item that came back empty each need an issue. Issues name the file, and an offset or line
    /// they give lies inside it; records are found inside the file, in order.
    /// </summary>
    private void Check(Outcome outcome, string path, long length)
    {
        var reported = outcome.Issues.Count > 0;
        foreach (var (reason, count) in outcome.Skipped)
        {
            if (count > 0 && !reported && !QuietSkips.Contains(reason))
                throw Finding($"{count} records were counted as skipped ({reason}) but no issue says so");
        }
        if (outcome.StoppedAt is { } at && at < length && !reported)
            throw Finding(Invariant($"the reader stopped at byte {at} of {length} without an issue"));
        if (outcome.Unreported is { } what)
            throw Finding(what);
        foreach (var issue in outcome.Issues)
        {
            if (!issue.File.StartsWith(path, StringComparison.Ordinal))
                throw Finding($"an issue names '{issue.File}', not the file read: {issue}");
            if (string.IsNullOrWhiteSpace(issue.Message))
                throw Finding($"an issue without a message: {issue}");
            if (issue.Line is < 1)
                throw Finding($"an issue at line {issue.Line}: {issue}");
            if (issue.Offset is < 0 || (OffsetsInFile && issue.Offset > length && issue.File == path))
                throw Finding(Invariant($"an issue at offset {issue.Offset} of a {length}-byte file: {issue}"));
        }
        if (OffsetsInFile && outcome.LastRecordOffset is { } last && (last < 0 || last >= length))
            throw Finding(Invariant($"a record at offset {last} of a {length}-byte file"));
        if (outcome.OffsetsOutOfOrder)
            throw Finding("record offsets go backwards");
    }

    private FuzzFindingException Finding(string what) => new($"{Name}: {what}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What one read gave: enough to check the invariants and to print for triage.</summary>
/// <param name="Records">Records (or arrays, episodes, config values) read.</param>
/// <param name="Issues">Every issue reported, in order.</param>
internal sealed record Outcome(long Records, IReadOnlyList<LoadIssue> Issues)
{
    /// <summary>Records counted as skipped, by reason (<see cref="Loading.ScanIssues.Skipped"/>).</summary>
    public IReadOnlyDictionary<string, long> Skipped { get; init; } = new Dictionary<string, long>();

    /// <summary>Where a streaming reader stood when it said it was done (null when the reader reads whole files).</summary>
    public long? StoppedAt { get; init; }

    /// <summary>The offset of the last record read, for the bounds check (null when none or not known).</summary>
    public long? LastRecordOffset { get; init; }

    /// <summary>True when a record's offset was below the one before it.</summary>
    public bool OffsetsOutOfOrder { get; init; }

    /// <summary>A harness's own finding (an array that came back null without an issue), or null.</summary>
    public string? Unreported { get; init; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Records} records, {Skipped.Values.Sum()} skipped, {Issues.Count} issues{string.Concat(Issues.Select(i => "\n  " + i))}");
}

/// <summary>An input broke an invariant of <see cref="Harness"/> (not an exception of a reader: those escape as they are).</summary>
internal sealed class FuzzFindingException(string message) : Exception(message);
