using System.IO.Compression;
using System.Text;
using RunLens.Loading.Discovery;

namespace RunLens.Formats.RayTune;

/// <summary>
/// The files of one Ray Tune trial folder and whether it is one. A folder is a trial when its first result (the
/// <c>result.json</c> line, the <c>progress.csv</c> header, the same inside <c>results.zip</c>) names
/// <c>training_iteration</c>, which Tune adds to every result. Empty result files (a trial that failed before its
/// first result) count when a <c>params.json</c>/<c>params.pkl</c> is beside them or the folder is named the way
/// Tune names trials; other files (event files alone, an unreadable result) need both. A non-empty
/// <c>progress.csv</c> without <c>training_iteration</c> (SB3's) is never Tune's, whatever lies beside it, so SB3
/// runs are left to their format.
/// </summary>
internal sealed class RayTrialFolder
{
    public const string ResultName = "result.json";
    public const string ProgressName = "progress.csv";
    public const string ParamsName = "params.json";
    public const string ZipName = "results.zip";

    /// <summary>How far into a data file the first result is looked for.</summary>
    private const int PeekBytes = 1 << 20;

    private static readonly byte[] Marker = "training_iteration"u8.ToArray();

    private RayTrialFolder(RunFolder folder)
    {
        Folder = folder;
        Name = RayTrialName.Parse(folder.Dir.Name);
        Result = folder.File(ResultName);
        Progress = folder.File(ProgressName);
        Params = folder.File(ParamsName);
        HasParamsPickle = folder.HasFile("params.pkl");
        Zip = folder.File(ZipName);
        ErrorFile = folder.File("error.txt");
        // Tune pickles the trial's exception beside error.txt (error.pkl); either says the trial errored.
        HasErrorPickle = folder.HasFile("error.pkl");
        Events = folder.Files.Where(f => f.Name.StartsWith("events.out.tfevents", StringComparison.Ordinal)).ToList();
        Extracted = folder.Child(ZipName + ".extracted");
    }

    public RunFolder Folder { get; }

    public DirectoryInfo Dir => Folder.Dir;

    public RayTrialName? Name { get; }

    public FileInfo? Result { get; }

    public FileInfo? Progress { get; }

    public FileInfo? Params { get; }

    public bool HasParamsPickle { get; }

    public FileInfo? Zip { get; }

    public FileInfo? ErrorFile { get; }

    /// <summary>True when Tune left <c>error.pkl</c> (the pickled exception) in the trial folder.</summary>
    public bool HasErrorPickle { get; }

    public IReadOnlyList<FileInfo> Events { get; }

    /// <summary>
    /// <c>results.zip.extracted/</c>: whoever unpacked the zip beside it (as the test data was assembled). Same
    /// data as the zip, so it is read only when the zip cannot be.
    /// </summary>
    public DirectoryInfo? Extracted { get; }

    /// <summary>The zip's trials: each folder inside it holding <c>progress.csv</c> or <c>result.json</c>.</summary>
    public IReadOnlyList<ZipTrial> ZipTrials { get; private set; } = [];

    /// <summary>Set when the zip could not be read (the reason).</summary>
    public string? ZipProblem { get; private set; }

    /// <summary>True when the folder is a trial (see the class summary).</summary>
    public bool IsTrial { get; private set; }

    /// <summary>Cheap first look (no listing, no reads): could this folder be a trial?</summary>
    public static bool MayBe(DirectoryInfo dir) =>
        File.Exists(Path.Combine(dir.FullName, ResultName)) || File.Exists(Path.Combine(dir.FullName, ProgressName))
        || File.Exists(Path.Combine(dir.FullName, ZipName)) || File.Exists(Path.Combine(dir.FullName, ParamsName));

    /// <summary>Looks at a listed folder's files (and the first line of its data).</summary>
    public static RayTrialFolder Inspect(RunFolder folder)
    {
        var trial = new RayTrialFolder(folder);
        trial.ReadZip();
        trial.IsTrial = trial.Decide();
        return trial;
    }

    private bool Decide()
    {
        // Tune adds training_iteration to every result: the first line says whose files these are, and a
        // progress.csv without it (SB3's) is not Tune's whatever lies beside it.
        if (Result is { Length: > 0 } result && Mentions(result))
            return true;
        if (Progress is { Length: > 0 } progress)
            return Mentions(progress);
        if (ZipTrials.Any(z => z.Tune))
            return true;
        // Without a readable first result, Tune's other marks: params.json/params.pkl beside the files, a trial name.
        var tuneParams = Params is not null || HasParamsPickle;
        var failed = Result is { Length: 0 } || Progress is { Length: 0 };
        if (failed && (tuneParams || Name is not null))
            return true;
        var hasData = Result is not null || ZipTrials.Count > 0 || Events.Count > 0;
        return hasData && tuneParams && Name is not null;
    }

    /// <summary>True when the start of the file's first line names <c>training_iteration</c>.</summary>
    private static bool Mentions(FileInfo file)
    {
        try
        {
            using var stream = file.OpenRead();
            return FirstLineMentions(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool FirstLineMentions(Stream stream)
    {
        var head = new byte[Math.Min(PeekBytes, 64 << 10)];
        var total = 0;
        var buffer = head;
        while (total < PeekBytes)
        {
            if (total == buffer.Length)
                Array.Resize(ref buffer, Math.Min(PeekBytes, buffer.Length * 2));
            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
                break;
            var newline = buffer.AsSpan(total, read).IndexOf((byte)'\n');
            total += read;
            if (newline >= 0)
                break;
        }
        var span = buffer.AsSpan(0, total);
        var end = span.IndexOf((byte)'\n');
        return (end < 0 ? span : span[..end]).IndexOf(Marker) >= 0;
    }

    private void ReadZip()
    {
        if (Zip is null)
            return;
        try
        {
            using var zip = ZipFile.OpenRead(Zip.FullName);
            var groups = zip.Entries
                .Where(e => e.Name is ProgressName or ResultName)
                .GroupBy(e => e.FullName[..^e.Name.Length], StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            var trials = new List<ZipTrial>();
            foreach (var group in groups)
            {
                var progress = group.FirstOrDefault(e => e.Name == ProgressName);
                var result = group.FirstOrDefault(e => e.Name == ResultName);
                var tune = false;
                if (progress is { Length: > 0 })
                {
                    using var stream = progress.Open();
                    tune = FirstLineMentions(stream);
                }
                trials.Add(new ZipTrial(group.Key.TrimEnd('/'), progress?.FullName, progress?.Length ?? 0, result?.FullName, tune));
            }
            ZipTrials = trials;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            ZipProblem = ex.Message;
        }
    }

    /// <summary>The first non-blank line of <c>error.txt</c> (Tune writes the trial's exception there).</summary>
    public string? FirstErrorLine()
    {
        if (ErrorFile is null)
            return null;
        try
        {
            using var reader = new StreamReader(ErrorFile.FullName, Encoding.UTF8);
            for (var i = 0; i < 50 && reader.ReadLine() is { } line; i++)
            {
                if (line.Trim() is { Length: > 0 } text)
                    return text.Length > 200 ? text[..200] + "..." : text;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return null;
    }
}

/// <summary>One trial inside a <c>results.zip</c>: the folder inside the zip ("" for the top) and its entries.</summary>
/// <param name="Folder">The folder inside the zip, without a trailing '/'; empty for the top level.</param>
/// <param name="Progress">The full entry name of its <c>progress.csv</c>, if any.</param>
/// <param name="ProgressBytes">The uncompressed size of that entry.</param>
/// <param name="Result">The full entry name of its <c>result.json</c>, if any.</param>
/// <param name="Tune">True when the <c>progress.csv</c> header names <c>training_iteration</c>.</param>
internal sealed record ZipTrial(string Folder, string? Progress, long ProgressBytes, string? Result, bool Tune);
