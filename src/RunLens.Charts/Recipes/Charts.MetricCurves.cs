namespace RunLens;

public static partial class Charts
{
    /// <summary>
    /// Named fields of a scan, each in its own panel on a shared step axis: the exact mean of every step bucket as a
    /// line and the bucket's min-max as a band, as <see cref="RewardCurves(ScanResult, Smoothing?, string?)"/> draws them.
    /// </summary>
    /// <param name="scan">A scan of one run (or merged runs).</param>
    /// <param name="metrics">Field names as logged, or role names (<c>rewards.total</c> finds a log's <c>reward</c>).</param>
    /// <param name="smoothing">Smoothing of the bucket means (default none); named in the subtitle.</param>
    /// <param name="title">The title (default the fields' names).</param>
    /// <exception cref="ArgumentException">No metric is named, or a name is no field of the scan; the message lists the fields there are.</exception>
    /// <example><code>run.Scan().MetricCurves(["metrics.policy_loss", "metrics.entropy"])</code></example>
    public static Figure MetricCurves(this ScanResult scan, IReadOnlyList<string> metrics, Smoothing? smoothing = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Count == 0)
            throw new ArgumentException("Name at least one metric to draw.", nameof(metrics));
        var picked = new List<(string Group, FieldCurve Field)>();
        foreach (var name in metrics)
        {
            var field = scan.Field(name) ?? throw new ArgumentException(
                $"No field '{name}' in this scan. Numeric fields here: {FieldNames(scan.Fields)}.", nameof(metrics));
            if (!picked.Any(p => p.Field.Name == field.Name))
                picked.Add((name, field));
        }
        return FieldPanels(picked, scan.Records, smoothing ?? Smoothing.None, title ?? string.Join(", ", picked.Select(p => p.Field.Name)), "metrics");
    }

    /// <summary>One named field of a scan (see <see cref="MetricCurves(ScanResult, IReadOnlyList{string}, Smoothing?, string?)"/>).</summary>
    /// <param name="scan">A scan of one run (or merged runs).</param>
    /// <param name="metric">A field name as logged, or a role name.</param>
    /// <param name="smoothing">Smoothing of the bucket means (default none).</param>
    /// <param name="title">The title (default the field's name).</param>
    /// <exception cref="ArgumentException">The name is no field of the scan; the message lists the fields there are.</exception>
    /// <example><code>run.Scan().MetricCurves("metrics.episode_return_mean", Smoothing.Ema())</code></example>
    public static Figure MetricCurves(this ScanResult scan, string metric, Smoothing? smoothing = null, string? title = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        return scan.MetricCurves([metric], smoothing, title);
    }

    internal static string FieldNames(IReadOnlyList<FieldCurve> fields) =>
        fields.Count == 0 ? "(none)" : string.Join(", ", fields.Select(f => f.Name));
}
