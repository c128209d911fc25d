namespace RunLens.Loading;

/// <summary>
/// A file (or part of one) that holds episodes. Read only when <see cref="Run.Episodes"/> is first asked for.
/// Problems are added to <c>issues</c> with the file and line or offset; valid episodes still load.
/// </summary>
internal interface IEpisodeSource
{
    /// <summary>The file the episodes come from.</summary>
    RunFile File { get; }

    /// <summary>
    /// Reads the episodes in file order. <see cref="Episode.Index"/> is set by the caller afterwards (episodes of
    /// all sources of a run are numbered together), so sources may leave it 0.
    /// </summary>
    IEnumerable<Episode> Read(List<LoadIssue> issues);
}
