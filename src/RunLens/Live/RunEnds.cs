namespace RunLens.Live;

/// <summary>Which recorded run statuses say a run has ended, whatever tool wrote them.</summary>
internal static class RunEnds
{
    // MLflow (FINISHED, FAILED, KILLED), W&B's exit record (finished, failed, crashed, killed), Ray Tune (TERMINATED,
    // ERROR), TensorBoard hparams (SUCCESS, FAILURE), RunWriter's status.json (finished). RUNNING, SCHEDULED, PENDING,
    // PAUSED and anything unknown keep a watch going.
    private static readonly HashSet<string> Ended = new(StringComparer.OrdinalIgnoreCase)
    {
        "finished", "failed", "killed", "crashed", "terminated", "error", "success", "failure", "aborted", "completed",
    };

    /// <summary>True when the status says the run ended.</summary>
    public static bool HasEnded(string? status) => status is not null && Ended.Contains(status.Trim());
}
