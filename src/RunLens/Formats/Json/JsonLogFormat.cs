using System.Globalization;
using RunLens.Formats.TensorBoard;
using RunLens.Loading;
using RunLens.Loading.Discovery;
namespace RunLens.Formats.Json;

/// <summary>
/// JSON logs, the general case asked last. A folder with a <c>json_logs/</c> folder is a run holding every log file
/// beneath it; otherwise a folder holding log files directly is a run of those files and of its run-part subfolders
/// (<c>snapshots/</c>, <c>episodes/</c>, ...). A run's <c>tensorboard/</c> folder usually mirrors its metrics (the
/// training script writes both), but not always (a script may log other numbers, or the same at another rate): its
/// event files are checked against the JSON logs (<see cref="Mirrors"/>), each event-file folder as one mirror, and
/// only the metrics verified to hold the same points are left out; the rest is read as a stream of its own
/// (<c>tensorboard:loss</c>), so it never mixes into the JSON logs' series. The run's notes give the outcome.
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
        var summary = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var logs = SummaryFiles.Take([.. files], documents, dir.FullName, summary, notes, context.Issues);
        var streams = LogStreams.Assign(logs, dir.FullName, notes);
        notes.AddRange(Csv.CsvColumns.Notes(streams, dir.FullName, context.Options.Fields));
        var mirrors = AddTensorBoard(folder, context, streams);
        var info = RunConventions.Describe(dir, context, streams).Info;
        IReadOnlyList<string> allNotes = [.. info.Notes, .. notes];
        // RunWriter's status.json: "running" while written, "finished" once closed (a watch stops on it).
        var status = RunStatusFile.Read(dir.FullName, context.Issues) ?? info.Status;
        return new(info with { Notes = mirrors?.Notes(allNotes) ?? allNotes, Summary = summary, Status = status }, context.Options, Loading.Episodes.EpisodeFiles.In(streams));
    }

    /// <summary>
    /// Adds the event files of the run's <c>tensorboard/</c> folder as mirrors of its main JSON logs, one per folder
    /// of event files, read as the stream named by that folder; returns the check, or null when there are none.
    /// </summary>
    private static Mirrors? AddTensorBoard(RunFolder folder, DiscoveryContext context, List<RunFile> streams)
    {
        var groups = new List<(string Name, string Stream, List<FileInfo> Events)>();
        foreach (var mirror in folder.Children.Where(c => Mirrors.Contains(c.Name, StringComparer.OrdinalIgnoreCase)))
        {
            foreach (var (sub, events) in EventFolders(mirror))
            {
                var stream = sub.Length == 0 ? mirror.Name : mirror.Name + "/" + sub;
                var name = events.Count == 1 ? $"{stream}/{events[0].Name}" : string.Create(CultureInfo.InvariantCulture, $"{stream}/ ({events.Count} event files)");
                groups.Add((name, stream, events));
            }
        }
        if (groups.Count == 0)
            return null;
        var primary = streams.Where(f => f.Stream is null).ToList();
        var primaryName = primary.Count == 1 ? Path.GetRelativePath(folder.Dir.FullName, primary[0].Path).Replace('\\', '/') : "the JSON logs";
        var check = new Mirrors(primary, primaryName, context.Options.Fields, "the training script");
        foreach (var (name, stream, events) in groups)
        {
            var described = TensorBoardSource.Describe(events, context, out _).Select(f => f with { Stream = stream }).ToList();
            streams.AddRange(check.Add(name, described));
        }
        return check;
    }

    /// <summary>The folders under <paramref name="dir"/> holding event files (path relative to it), each with its files by name.</summary>
    private static List<(string Sub, List<FileInfo> Events)> EventFolders(DirectoryInfo dir)
    {
        try
        {
            return dir.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                .Where(f => TensorBoardFormat.IsEventFile(f.Name))
                .GroupBy(f => Path.GetRelativePath(dir.FullName, f.DirectoryName!).Replace('\\', '/'), StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key == "." ? "" : g.Key, g.OrderBy(f => f.Name, StringComparer.Ordinal).ToList()))
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
