using RunLens.Interactive;

namespace RunLens;

/// <summary>
/// Watching runs while they train, in a notebook cell: a chart and a one-line status (records, last step, rate, time
/// since the last write) that update in place every interval, and stop when the runs end (a final status such as
/// RunWriter's <c>status.json</c> "finished", W&amp;B's exit record, MLflow's FINISHED; or no writes for the idle
/// timeout) or when the cell is interrupted. The cell keeps the final chart and status; the final scan is returned.
/// </summary>
/// <example><code>
/// var scan = runs["ppo/seed1"].Watch("reward", every: TimeSpan.FromSeconds(2));
/// scan.RewardCurves()
/// </code></example>
public static class Watching
{
    /// <summary>The interval between updates when none is given.</summary>
    public static TimeSpan DefaultEvery { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Watches one run until it ends (see <see cref="Watching"/>); returns the final scan of every record.</summary>
    /// <param name="run">The run.</param>
    /// <param name="metric">The field to chart (as logged, or a role name such as <c>rewards.total</c>); null for the reward curves.</param>
    /// <param name="every">Time between updates (default 2 s).</param>
    /// <param name="options">When the run counts as ended (idle timeout) and the scan's options; <see cref="LiveOptions.Default"/> when null.</param>
    /// <example><code>var scan = run.Watch();</code></example>
    public static ScanResult Watch(this Run run, string? metric = null, TimeSpan? every = null, LiveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Follow(options).Watch(metric, every, run.Name);
    }

    /// <summary>Watches every run of a set, and runs that appear under its folder, until all end; returns the final merged scan.</summary>
    /// <param name="runs">The runs.</param>
    /// <param name="metric">The field to chart; null for the reward curves.</param>
    /// <param name="every">Time between updates (default 2 s).</param>
    /// <param name="options">When the runs count as ended and the scan's options; <see cref="LiveOptions.Default"/> when null.</param>
    /// <example><code>var scan = runs.Watch("reward", every: TimeSpan.FromSeconds(2));</code></example>
    public static ScanResult Watch(this RunSet runs, string? metric = null, TimeSpan? every = null, LiveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.Follow(options).Watch(metric, every, runs.Root);
    }

    /// <summary>
    /// Watches a live scan (for example <c>LiveScan.Follow(path)</c> of a run whose first file is not written yet)
    /// until its runs end, then stops it (<see cref="LiveScan.Stop"/>) and returns the final scan.
    /// </summary>
    /// <param name="live">The live scan; stopped and closed when the watch ends.</param>
    /// <param name="metric">The field to chart; null for the reward curves.</param>
    /// <param name="every">Time between updates (default 2 s).</param>
    /// <param name="title">The chart's title (default the metric, or "Reward curves").</param>
    /// <example><code>var scan = LiveScan.Follow("runs/ppo").Watch("reward");</code></example>
    public static ScanResult Watch(this LiveScan live, string? metric = null, TimeSpan? every = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(live);
        using (live)
            return CellWatch.Run(live, metric, every ?? DefaultEvery, title);
    }
}
