namespace RunLens.Loading.Episodes;

/// <summary>
/// The episode sample a <see cref="BatchLogger"/> writes to <c>episodes.jsonl</c>, one line per episode:
/// <c>{"update":40,"episode":3,"return":12.5,"length":200,"success":true}</c>. Each becomes a summary-only
/// <see cref="Episode"/> of kind <c>training</c> at its update (the file has no environment step).
/// </summary>
/// <param name="file">The <c>episodes.jsonl</c> file.</param>
internal sealed class BatchEpisodes(RunFile file) : IEpisodeSource
{
    /// <summary>The file name BatchLogger writes.</summary>
    public const string FileName = "episodes.jsonl";

    public RunFile File { get; } = file;

    public IEnumerable<Episode> Read(List<LoadIssue> issues)
    {
        var any = false;
        foreach (var line in JsonLines.Read(File.Path, issues))
        {
            var row = line.Root;
            if (row.ValueKind != System.Text.Json.JsonValueKind.Object
                || JsonLines.Number(row, "return") is not { } value || JsonLines.Number(row, "length") is not { } length)
            {
                if (!any)
                {
                    // Another tool's episodes.jsonl: one issue for the file, not one per line.
                    issues.Add(new LoadIssue(File.Path, line.Offset, line.Line, "the first row has no numbers \"return\" and \"length\": not a BatchLogger episode file; not read as episodes"));
                    yield break;
                }
                issues.Add(new LoadIssue(File.Path, line.Offset, line.Line, "not an episode row (needs numbers \"return\" and \"length\"); line skipped"));
                continue;
            }
            any = true;
            yield return new Episode(0, value, (long)length)
            {
                Kind = EpisodeKinds.Training,
                Update = JsonLines.Number(row, "update") is { } update ? (long)update : null,
                Success = JsonLines.Boolean(row, "success"),
                Source = File.RelativePath,
            };
        }
    }
}
