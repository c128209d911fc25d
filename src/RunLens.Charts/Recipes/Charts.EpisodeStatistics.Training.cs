using System.Globalization;
using RunLens.Plotly;

namespace RunLens;

public static partial class Charts
{
    // PPO-style training diagnostics by the last part of their name, as SB3 (train/...), cleanRL (losses/...), RLlib and
    // RunLens's own BatchLogger (metrics.policy_loss) write them. Exact names, not substrings: clip_range is no clip fraction.
    private static readonly (string Group, string[] Names)[] DiagnosticNames =
    [
        ("policy loss", ["policy_loss", "policy_gradient_loss", "pg_loss"]),
        ("value loss", ["value_loss", "vf_loss"]),
        ("KL", ["approx_kl", "kl", "kl_divergence"]),
        ("clip fraction", ["clip_fraction", "clipfrac"]),
        ("entropy", ["entropy", "entropy_loss"]),
    ];

    /// <summary>
    /// Training diagnostics of a run in stacked panels: policy loss, value loss, KL, clip fraction and entropy, each
    /// field found by the last part of its name (<c>policy_loss</c>/<c>policy_gradient_loss</c>/<c>pg_loss</c>,
    /// <c>value_loss</c>/<c>vf_loss</c>, <c>approx_kl</c>/<c>kl</c>, <c>clip_fraction</c>/<c>clipfrac</c>,
    /// <c>entropy</c>/<c>entropy_loss</c>; after the last '/' or '.'). Each panel draws the exact mean of every step
    /// bucket as a line and the bucket's min-max as a band.
    /// </summary>
    /// <param name="run">The run (scanned once; the scan is cached).</param>
    /// <param name="smoothing">Smoothing of the bucket means (default none).</param>
    /// <param name="title">The title (default "Training diagnostics: " and the run's name).</param>
    /// <exception cref="ArgumentException">None of the fields is there; the message lists the names looked for and the fields there are.</exception>
    /// <example><code>runs["lr=0.0003,batch=512/seed_0"].TrainingDiagnostics()</code></example>
    public static Figure TrainingDiagnostics(this Run run, Smoothing? smoothing = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        return TrainingDiagnostics(run.Scan(), smoothing, title ?? "Training diagnostics: " + run.Name);
    }

    /// <summary>Training diagnostics of a scan (see <see cref="TrainingDiagnostics(Run, Smoothing?, string?)"/>).</summary>
    /// <param name="scan">A scan of one run.</param>
    /// <param name="smoothing">Smoothing of the bucket means (default none).</param>
    /// <param name="title">The title (default "Training diagnostics").</param>
    /// <exception cref="ArgumentException">None of the fields is there.</exception>
    /// <example><code>run.Scan().TrainingDiagnostics(Smoothing.Ema())</code></example>
    public static Figure TrainingDiagnostics(this ScanResult scan, Smoothing? smoothing = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return TrainingDiagnostics(scan.Fields, scan.Records, smoothing, title);
    }

    /// <summary>Training diagnostics from field curves you already have.</summary>
    /// <param name="fields">The numeric fields.</param>
    /// <param name="totalRecords">How many records the fields were computed from.</param>
    /// <param name="smoothing">Smoothing of the bucket means (default none).</param>
    /// <param name="title">The title (default "Training diagnostics").</param>
    /// <exception cref="ArgumentException">None of the fields is there.</exception>
    /// <example><code>Charts.TrainingDiagnostics(scan.Fields, scan.Records)</code></example>
    public static Figure TrainingDiagnostics(IReadOnlyList<FieldCurve> fields, long totalRecords, Smoothing? smoothing = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var picked = PickByLastSegment(fields, DiagnosticNames, firstOnly: false);
        if (picked.Count == 0)
            throw NoFields("training diagnostics (loss, KL, clip fraction, entropy)", DiagnosticNames.SelectMany(g => g.Names), fields, nameof(fields));
        return FieldPanels(picked, totalRecords, smoothing ?? Smoothing.None, title ?? "Training diagnostics",
            string.Join(", ", picked.Select(p => p.Group).Distinct()));
    }

    /// <summary>
    /// How the policy's action probabilities evolve: every field whose name contains <c>action_prob</c>
    /// (<c>action_prob_left</c>, <c>action_prob_right</c>, ...) as a stacked area over steps, each layer the exact mean
    /// of its step buckets; the stack reaches 1 when every action has a field. Hovering shows each action's own mean.
    /// </summary>
    /// <param name="run">The run (scanned once; the scan is cached).</param>
    /// <param name="title">The title (default "Action probabilities: " and the run's name).</param>
    /// <exception cref="ArgumentException">The run has no such field; the message lists the fields there are.</exception>
    /// <example><code>runs["lr=0.0003,batch=512/seed_0"].ActionProbabilities()</code></example>
    public static Figure ActionProbabilities(this Run run, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var scan = run.Scan();
        return ActionProbabilities(scan.Fields, scan.Records, title ?? "Action probabilities: " + run.Name);
    }

    /// <summary>Action probabilities from field curves you already have (see <see cref="ActionProbabilities(Run, string?)"/>).</summary>
    /// <param name="fields">The numeric fields.</param>
    /// <param name="totalRecords">How many records the fields were computed from.</param>
    /// <param name="title">The title (default "Action probabilities").</param>
    /// <exception cref="ArgumentException">There is no <c>action_prob</c> field.</exception>
    /// <example><code>Charts.ActionProbabilities(scan.Fields, scan.Records)</code></example>
    public static Figure ActionProbabilities(IReadOnlyList<FieldCurve> fields, long totalRecords, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentOutOfRangeException.ThrowIfNegative(totalRecords);
        var picked = fields.Where(f => f.Name.Contains("action_prob", StringComparison.OrdinalIgnoreCase)).ToList();
        if (picked.Count == 0)
        {
            var names = fields.Count == 0 ? "(none)" : string.Join(", ", fields.Select(f => f.Name));
            throw new ArgumentException(
                $"No action probabilities to draw: looked for fields whose name contains 'action_prob' (action_prob_left, ...). Numeric fields here: {names}.",
                nameof(fields));
        }
        var layers = picked.Select(f => BucketMerge.ToAtMost(f.Buckets, MaxPointsPerTrace).Buckets).ToList();
        // Stacking needs one x per bucket for every layer: buckets are keyed by their first step; a layer without a
        // value at a key is a gap there, and so is everything stacked on it (no value is invented).
        var keys = layers.SelectMany(l => l.Select(b => b.StepStart)).Distinct().Order().ToArray();
        var ends = new Dictionary<long, long>();
        foreach (var b in layers.SelectMany(l => l))
            ends[b.StepStart] = Math.Max(ends.GetValueOrDefault(b.StepStart), b.StepEnd);
        var x = keys.Select(k => (double?)Math.Round((k + ends[k] - 1) / 2.0, MidpointRounding.AwayFromZero)).ToArray();
        var below = new double[keys.Length];
        var traces = new List<Trace>();
        for (var i = 0; i < picked.Count; i++)
        {
            var byStart = layers[i].ToDictionary(b => b.StepStart);
            var own = keys.Select(k => byStart.TryGetValue(k, out var b) && b.Count > 0 ? b.Mean : double.NaN).ToArray();
            for (var k = 0; k < keys.Length; k++)
                below[k] += own[k];
            traces.Add(new ScatterTrace(x, below.Select(PlotlyValues.Round9).ToArray())
            {
                Name = LastSegment(picked[i].Name), XAxis = "x", YAxis = "y", Fill = i == 0 ? "tozeroy" : "tonexty",
                FillColor = Palette.Band(i), Line = new Line { Color = Palette.Line(i), Width = 1 },
                CustomData = keys.Select((k, j) => (IReadOnlyList<double?>)[k, ends[k] - 1, PlotlyValues.Round9(own[j])]).ToArray(),
                HoverTemplate = picked[i].Name + " %{customdata[2]:.4g} (steps %{customdata[0]:,}–%{customdata[1]:,})<extra></extra>",
            });
        }
        var subtitle = string.Create(CultureInfo.InvariantCulture,
            $"{Plural(picked.Count, "field")}, {Plural(picked.Sum(f => f.Count), "value")} of {Plural(totalRecords, "record")}, stacked as exact means of {Plural(keys.Length, "step bucket")}; hover: each action's own mean");
        var layout = StackedPanels(["probability (stacked)"], title ?? "Action probabilities", subtitle, "step") with
        {
            ShowLegend = true,
            Legend = new Legend { Orientation = "h", X = 0, Y = -0.2, TraceOrder = "reversed" },
        };
        return new Figure(traces, layout);
    }
}
