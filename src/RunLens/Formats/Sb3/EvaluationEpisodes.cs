using RunLens.Loading;
namespace RunLens.Formats.Sb3;

/// <summary>
/// The episodes of an SB3 <c>evaluations.npz</c>: one per evaluation episode, kind <c>evaluation</c>, at the
/// evaluation's training step, with return, length and (when the file has per-episode successes) success.
/// </summary>
/// <param name="file">The <c>evaluations.npz</c> file.</param>
internal sealed class EvaluationEpisodes(RunFile file) : IEpisodeSource
{
    public RunFile File { get; } = file;

    public IEnumerable<Episode> Read(List<LoadIssue> issues) =>
        Sb3Evaluations.Read(File.Path, issues, out _) is { } evaluations ? evaluations.Episodes(File.RelativePath) : [];
}
