namespace RunLens.Loading.Episodes;

/// <summary>Which of a JSON-log run's files also hold episodes: BatchLogger's sample and SnapshotLogger's index.</summary>
internal static class EpisodeFiles
{
    /// <summary>
    /// The episode sources among <paramref name="files"/>: every <c>episodes.jsonl</c>, and every
    /// <c>snapshots/index.jsonl</c>. The files stay metric files too (their returns plot by update).
    /// </summary>
    public static List<IEpisodeSource> In(IReadOnlyList<RunFile> files)
    {
        var sources = new List<IEpisodeSource>();
        foreach (var file in files)
        {
            var parts = file.RelativePath.Split('/');
            var name = parts[^1];
            if (name == BatchEpisodes.FileName)
                sources.Add(new BatchEpisodes(file));
            else if (name == SnapshotEpisodes.IndexName && parts.Length >= 2 && parts[^2].Equals("snapshots", StringComparison.OrdinalIgnoreCase))
                sources.Add(new SnapshotEpisodes(file));
        }
        return sources;
    }
}
