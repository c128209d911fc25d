using RunLens.Formats.Csv;
using RunLens.Loading;
using RunLens.Formats.Sb3;

namespace RunLens.Formats.Json;

/// <summary>Which files are JSON logs. Config files and single-object documents (lookup tables) are not.</summary>
internal static class LogFiles
{
    public const string Format = "json-log";


    private static readonly string[] Extensions = [".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz"];

    private static readonly HashSet<string> ConfigNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "config.json", "params.json", "hparams.json", "args.json", "meta.json", "metadata.json", "manifest.json",
        "package.json", "package-lock.json", RunStatusFile.FileName,
    };

    public static bool IsLogFileName(string path) =>
        Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)) || CsvLogFiles.FormatOf(path) is not null;

    public static RunFile Describe(string path, string loadRoot) =>
        new(path, Path.GetRelativePath(loadRoot, path).Replace('\\', '/'), new FileInfo(path).Length) { Source = SourceOf(path) };

    /// <summary>The reader of a log file by its name: a monitor file, another CSV, else JSON.</summary>
    public static RecordSource SourceOf(string path) => CsvLogFiles.FormatOf(path) switch
    {
        FileFormats.Monitor => MonitorSource.Instance,
        FileFormats.Csv => CsvSource.Instance,
        _ => JsonSource.Instance,
    };

    /// <summary>
    /// The log files in a folder (and below it when <paramref name="recursive"/>), sorted by relative path. The
    /// <c>.json</c> files left out for holding one object (documents: configs, lookup tables, summaries) go to
    /// <paramref name="documents"/> when given.
    /// </summary>
    public static List<RunFile> Under(DirectoryInfo dir, string loadRoot, bool recursive, List<LoadIssue> issues, List<FileInfo>? documents = null)
    {
        var found = new List<RunFile>();
        IEnumerable<FileInfo> files;
        try
        {
            files = dir.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = recursive, IgnoreInaccessible = true }).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(dir.FullName, null, null, $"cannot list folder: {ex.Message}"));
            return found;
        }
        foreach (var file in files)
        {
            if (!IsLogFileName(file.Name) || IsConfigName(file.Name) || IsUnderSkippedFolder(file, dir))
                continue;
            if (CsvLogFiles.FormatOf(file.Name) is not null)
            {
                if (CsvLogFiles.LogFormatOf(file.Name) is not null)
                    found.Add(new RunFile(file.FullName, Path.GetRelativePath(loadRoot, file.FullName).Replace('\\', '/'), file.Length) { Source = SourceOf(file.Name) });
            }
            else if (IsLineFormat(file.Name) || InJsonLogs(file, dir) || LooksLikeLog(file, issues))
                found.Add(new RunFile(file.FullName, Path.GetRelativePath(loadRoot, file.FullName).Replace('\\', '/'), file.Length) { Source = JsonSource.Instance });
            else if (file.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                documents?.Add(file);
        }
        found.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return found;
    }

    private static bool IsConfigName(string name) =>
        ConfigNames.Contains(name) || name.StartsWith("wandb-", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("experiment_state", StringComparison.OrdinalIgnoreCase);

    private static bool IsLineFormat(string name) =>
        name.Contains(".jsonl", StringComparison.OrdinalIgnoreCase) || name.Contains(".ndjson", StringComparison.OrdinalIgnoreCase);

    private static bool InJsonLogs(FileInfo file, DirectoryInfo runDir) =>
        Path.GetRelativePath(runDir.FullName, file.FullName).Replace('\\', '/').Split('/').SkipLast(1)
            .Any(part => part.Equals("json_logs", StringComparison.OrdinalIgnoreCase));

    private static bool IsUnderSkippedFolder(FileInfo file, DirectoryInfo runDir) =>
        Path.GetRelativePath(runDir.FullName, file.FullName).Replace('\\', '/').Split('/').SkipLast(1)
            .Any(part => part.StartsWith('.') || part is "checkpoints" or "plots" or "node_modules");

    /// <summary>
    /// A <c>.json</c> file is a log when it holds an array, or several objects one after another (JSON lines under a
    /// .json name, as Ray Tune's result.json). One object alone is a document: a config or a lookup table.
    /// </summary>
    private static bool LooksLikeLog(FileInfo file, List<LoadIssue> issues)
    {
        FileHead head;
        try
        {
            head = FileHead.Read(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            issues.Add(new LoadIssue(file.FullName, null, null, $"cannot read: {ex.Message}; file not loaded"));
            return false;
        }
        using var lease = head;
        var span = head.Bytes;
        var first = span.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
            return head.BytesRead > 0 || file.Length == 0;
        if (span[first] == '[')
            return true;
        if (span[first] != '{')
            return false;
        var end = EndOfObject(span[first..]);
        if (end < 0)
            return false;
        var rest = span[(first + end)..];
        var next = rest.IndexOfAnyExcept(" \t\r\n"u8);
        return next >= 0 && rest[next] == '{';
    }

    /// <summary>The length of the object at the start of the span, or -1 when it does not end inside it.</summary>
    private static int EndOfObject(ReadOnlySpan<byte> span)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (inString)
            {
                if (c == '\\')
                    i++;
                else if (c == '"')
                    inString = false;
            }
            else if (c == '"')
                inString = true;
            else if (c is (byte)'{' or (byte)'[')
                depth++;
            else if (c is (byte)'}' or (byte)']' && --depth == 0)
                return i + 1;
        }
        return -1;
    }
}
