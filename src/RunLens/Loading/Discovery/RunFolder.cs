namespace RunLens.Loading.Discovery;

/// <summary>
/// One folder being looked at during discovery: its files and subfolders listed once (sorted by ordinal name) and
/// shared by every format's <see cref="IRunFormat.Claim"/>, so a folder is listed once whatever the formats ask.
/// </summary>
internal sealed class RunFolder
{
    private RunFolder(DirectoryInfo dir, DiscoveryContext context, FileInfo[] files, DirectoryInfo[] children)
    {
        Dir = dir;
        Context = context;
        Files = files;
        Children = children;
    }

    public DirectoryInfo Dir { get; }

    public DiscoveryContext Context { get; }

    /// <summary>The files directly in the folder, by ordinal name.</summary>
    public IReadOnlyList<FileInfo> Files { get; }

    /// <summary>The subfolders, by ordinal name (hidden ones included: formats decide).</summary>
    public IReadOnlyList<DirectoryInfo> Children { get; }

    /// <summary>Lists a folder; null (with an issue) when it cannot be listed.</summary>
    public static RunFolder? List(DirectoryInfo dir, DiscoveryContext context)
    {
        try
        {
            var files = dir.GetFiles().OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
            var children = dir.GetDirectories().OrderBy(d => d.Name, StringComparer.Ordinal).ToArray();
            return new RunFolder(dir, context, files, children);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Issues.Add(new LoadIssue(dir.FullName, null, null, $"cannot list folder: {ex.Message}"));
            return null;
        }
    }

    /// <summary>
    /// A view of a folder that shows one file only (no other files, no subfolders): how a single file given to
    /// <see cref="Runs.Load"/> is shown to the formats, so each claims exactly that file.
    /// </summary>
    public static RunFolder Only(FileInfo file, DiscoveryContext context) =>
        new(file.Directory!, context, [file], []);

    /// <summary>The file with this exact name, or null.</summary>
    public FileInfo? File(string name) => Files.FirstOrDefault(f => f.Name == name);

    /// <summary>True when a file with this exact name is in the folder.</summary>
    public bool HasFile(string name) => File(name) is not null;

    /// <summary>The subfolder with this name (ignoring case), or null.</summary>
    public DirectoryInfo? Child(string name) => Children.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A data file of a run, named relative to the loaded folder, read by <paramref name="source"/>.</summary>
    public RunFile Describe(FileInfo file, RecordSource source, string? within = null) =>
        Context.Describe(file, source, within);
}

/// <summary>What every format needs while claiming folders: the loaded root, the options and the issue list.</summary>
internal sealed class DiscoveryContext(string loadRoot, LoadOptions options)
{
    public string LoadRoot { get; } = loadRoot;

    public LoadOptions Options { get; } = options;

    public List<LoadIssue> Issues { get; } = [];

    /// <summary>A path relative to the loaded folder, with '/' separators ("." for the folder itself).</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(LoadRoot, fullPath).Replace('\\', '/');

    /// <summary>
    /// A data file of a run, read by <paramref name="source"/>. <paramref name="within"/> (what part of the file is
    /// the run's: a run id, a metric key, a zip entry) makes the relative path unique when runs share a file; it is a
    /// name only, never decoded: the source holds what its reader needs.
    /// </summary>
    public RunFile Describe(FileInfo file, RecordSource source, string? within = null) =>
        new(file.FullName, Relative(file.FullName) + (within is null ? "" : "#" + within), file.Length) { Source = source };
}
