using System.Collections;
using RunLens.Loading;

namespace RunLens;

/// <summary>The episodes of a run, numbered across all its episode files, with the problems met reading them.</summary>
public sealed class EpisodeSet : IReadOnlyList<Episode>
{
    private readonly IReadOnlyList<Episode> _episodes;

    internal EpisodeSet(IReadOnlyList<Episode> episodes, IReadOnlyList<LoadIssue> issues)
    {
        _episodes = episodes;
        Issues = issues as LoadIssues ?? new LoadIssues(issues);
    }

    /// <summary>An empty set (a run without episode files).</summary>
    public static EpisodeSet Empty { get; } = new([], []);

    /// <summary>Problems met while reading the episode files.</summary>
    public LoadIssues Issues { get; }

    /// <inheritdoc />
    public int Count => _episodes.Count;

    /// <inheritdoc />
    public Episode this[int index] => _episodes[index];

    /// <summary>The episodes of one kind (see <see cref="EpisodeKinds"/>).</summary>
    public IReadOnlyList<Episode> OfKind(string kind) => _episodes.Where(e => e.Kind == kind).ToList();

    /// <summary>The episodes of one kind as a set that keeps this set's issues.</summary>
    internal EpisodeSet Only(string kind) => new(OfKind(kind), Issues);

    /// <inheritdoc />
    public IEnumerator<Episode> GetEnumerator() => _episodes.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Reads every source, numbers the episodes in order and collects the problems.</summary>
    internal static EpisodeSet Read(IReadOnlyList<IEpisodeSource> sources)
    {
        if (sources.Count == 0)
            return Empty;
        var issues = new List<LoadIssue>();
        var episodes = new List<Episode>();
        foreach (var source in sources)
        {
            try
            {
                foreach (var episode in source.Read(issues))
                    episodes.Add(episode with { Index = episodes.Count });
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                issues.Add(new LoadIssue(source.File.Path, null, null, $"cannot read: {ex.Message}; its episodes are not loaded"));
            }
        }
        return new EpisodeSet(episodes, issues);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Count} episodes" + (Issues.Count > 0 ? $" ({Issues.Count} issues)" : "");
}
