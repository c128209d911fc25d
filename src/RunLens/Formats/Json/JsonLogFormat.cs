using RunLens.Loading.Discovery;
namespace RunLens.Formats.Json;

/// <summary>
/// JSON logs, the general case asked last. A folder with a <c>json_logs/</c> folder is a run holding every log file
/// beneath it; otherwise a folder holding log files directly is a run of those files and of its run-part subfolders
/// (<c>snapshots/</c>, <c>episodes/</c>, ...). A run's <c>tensorboard/</c> folder mirrors its metrics (RunLens's own
/// <c>RunWriter</c> writes both) and is not read twice; the run's notes say so, so it is never skipped silently.
/// </summary>
internal sealed class JsonLogFormat : IRunFormat
{
    /// <summary>
    /// Subfolders that are parts of the run holding them (snapshot episodes, episode logs), never runs of their own.
    /// A run's shape must not depend on empty folders such as <c>json_logs/</c>, which git does not keep.
    /// </summary>
    private static readonly string[] RunParts = ["snapshots", "episodes", "logs", "metrics"];

    /// <summary>Folders of a JSON-log run holding the same data in another format.</summary>
    private static readonly string[] Mirrors = ["tensorboard"];

    public FolderClaim? Claim(RunFolder folder)
    {
        var context = folder.Context;
        var documents = new List<FileInfo>();
        if (folder.Child("json_logs") is not null)
        {
            var files = LogFiles.Under(folder.Dir, context.LoadRoot, recursive: true, context.Issues, documents);
            return new FolderClaim(files.Count > 0 ? [Describe(folder, context, files, documents)] : []) { Descend = false };
        }
        var direct = LogFiles.Under(folder.Dir, context.LoadRoot, recursive: false, context.Issues, documents);
        if (direct.Count == 0)
            return null;
        var parts = folder.Children.Where(c => RunParts.Contains(c.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        foreach (var part in parts)
            direct.AddRange(LogFiles.Under(part, context.LoadRoot, recursive: true, context.Issues));
        direct.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return new FolderClaim([Describe(folder, context, direct, documents)])
        {
            Consumed = [.. RunParts, .. Mirrors],
        };
    }

    /// <summary>
    /// The run, with the episodes its files hold (BatchLogger's <c>episodes.jsonl</c>, snapshot indexes), each
    /// other logger's files as a stream of their own (<see cref="LogStreams"/>), and its key/value tables and
    /// summary documents as its <see cref="RunInfo.Summary"/> (<see cref="SummaryFiles"/>).
    /// </summary>
    private static Run Describe(RunFolder folder, DiscoveryContext context, IReadOnlyList<RunFile> files, List<FileInfo> documents)
    {
        var dir = folder.Dir;
        var notes = new List<string>();
        foreach (var mirror in folder.Children.Where(c => Mirrors.Contains(c.Name, StringComparer.OrdinalIgnoreCase)))
        {
            var events = EventFileCount(mirror);
            if (events > 0)
            {
                notes.Add(FormattableString.Invariant(
                    $"{mirror.Name}/ ({events} event files) is not read: it mirrors the JSON logs' metrics (not checked point by point); load {mirror.Name}/ on its own to read it"));
            }
        }
        var summary = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var logs = SummaryFiles.Take([.. files], documents, dir.FullName, summary, notes, context.Issues);
        var streams = LogStreams.Assign(logs, dir.FullName, notes);
        notes.AddRange(Csv.CsvColumns.Notes(streams, dir.FullName, context.Options.Fields));
        var info = RunConventions.Describe(dir, context, streams).Info;
        return new(info with { Notes = [.. info.Notes, .. notes], Summary = summary }, context.Options, Loading.Episodes.EpisodeFiles.In(streams));
    }

    private static int EventFileCount(DirectoryInfo dir)
    {
        try
        {
            return dir.EnumerateFiles("*tfevents*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Count();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
