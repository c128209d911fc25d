namespace RunLens;

/// <summary>
/// The aggregate metrics of rliable (Agarwal et al. 2021, "Deep RL at the edge of the statistical precipice";
/// google-research/rliable, metrics.py) as pure functions over a score matrix <c>scores[run][task]</c>: one row per
/// run (seed), one column per task. A single benchmark is one task: <c>new[] { score }</c> per run. Scores are
/// usually normalized first (for example 0 = random, 1 = target). NaN scores are refused rather than passed on.
/// </summary>
/// <example>
/// <code>
/// double[][] scores = [[1, 2], [2, 2], [1, 1], [2, 1]];   // 4 runs x 2 tasks
/// Rliable.Iqm(scores)                                       // 1.5
/// Rliable.Bootstrap(scores, Rliable.Iqm)                    // IQM with a stratified-bootstrap 95% interval
/// </code>
/// </example>
public static partial class Rliable
{
    /// <summary>The mean of the per-task means (rliable <c>aggregate_mean</c>).</summary>
    /// <param name="scores">The score matrix, <c>scores[run][task]</c>: rectangular, at least one run and task, no NaN.</param>
    /// <returns>The mean over tasks of each task's mean score over runs.</returns>
    /// <exception cref="ArgumentException">The matrix is empty, ragged or holds NaN.</exception>
    /// <example><code>Rliable.Mean([[1.0, 2], [2, 2], [1, 1], [2, 1]])   // (1.5 + 1.5) / 2 = 1.5</code></example>
    public static double Mean(IReadOnlyList<double[]> scores)
    {
        var (runs, tasks) = ScoreMatrix.Check(scores, nameof(scores));
        return ScoreMatrix.TaskMeans(scores, runs, tasks).Average();
    }

    /// <summary>The median of the per-task means (rliable <c>aggregate_median</c>; the middle two are averaged for an even count).</summary>
    /// <param name="scores">The score matrix, <c>scores[run][task]</c>: rectangular, at least one run and task, no NaN.</param>
    /// <returns>The median over tasks of each task's mean score.</returns>
    /// <exception cref="ArgumentException">The matrix is empty, ragged or holds NaN.</exception>
    /// <example><code>Rliable.Median([[0.0, 1, 5]])   // task means 0, 1, 5: median 1</code></example>
    public static double Median(IReadOnlyList<double[]> scores)
    {
        var (runs, tasks) = ScoreMatrix.Check(scores, nameof(scores));
        var means = ScoreMatrix.TaskMeans(scores, runs, tasks);
        Array.Sort(means);
        var middle = tasks / 2;
        return tasks % 2 == 1 ? means[middle] : (means[middle - 1] + means[middle]) / 2;
    }

    /// <summary>
    /// The interquartile mean: <c>scipy.stats.trim_mean(scores, 0.25, axis=None)</c> over all run x task scores
    /// pooled. With n pooled scores sorted, <c>floor(n / 4)</c> are cut from each end and the rest averaged. Robust to
    /// outlier runs, and less noisy than the median.
    /// </summary>
    /// <param name="scores">The score matrix, <c>scores[run][task]</c>: rectangular, at least one run and task, no NaN.</param>
    /// <returns>The 25% trimmed mean of the pooled scores.</returns>
    /// <exception cref="ArgumentException">The matrix is empty, ragged or holds NaN.</exception>
    /// <example><code>Rliable.Iqm([[1.0, 2], [2, 2], [1, 1], [2, 1]])   // sorted 1,1,1,1,2,2,2,2; middle four 1,1,2,2: 1.5</code></example>
    public static double Iqm(IReadOnlyList<double[]> scores)
    {
        var (runs, tasks) = ScoreMatrix.Check(scores, nameof(scores));
        var pooled = new double[runs * tasks];
        for (var run = 0; run < runs; run++)
            Array.Copy(scores[run], 0, pooled, run * tasks, tasks);
        Array.Sort(pooled);
        // scipy: lowercut = int(0.25 * nobs), uppercut = nobs - lowercut; 0.25 * n is exact, so this is n / 4.
        var cut = pooled.Length / 4;
        double sum = 0;
        for (var i = cut; i < pooled.Length - cut; i++)
            sum += pooled[i];
        return sum / (pooled.Length - 2 * cut);
    }

    /// <summary>
    /// The optimality gap <c>gamma - mean(min(scores, gamma))</c> over all scores pooled (rliable
    /// <c>aggregate_optimality_gap</c>): how far the runs fall short of the target gamma, with scores above it
    /// counting only as gamma. Lower is better.
    /// </summary>
    /// <param name="scores">The score matrix, <c>scores[run][task]</c>: rectangular, at least one run and task, no NaN.</param>
    /// <param name="gamma">The target score; 1 by default (human or expert level for normalized scores).</param>
    /// <returns>The gap, in [0, infinity) for scores below gamma.</returns>
    /// <exception cref="ArgumentException">The matrix is empty, ragged or holds NaN, or gamma is NaN.</exception>
    /// <example><code>Rliable.OptimalityGap([[0.5, 2]])   // 1 - (0.5 + 1) / 2 = 0.25</code></example>
    public static double OptimalityGap(IReadOnlyList<double[]> scores, double gamma = 1)
    {
        var (runs, tasks) = ScoreMatrix.Check(scores, nameof(scores));
        if (double.IsNaN(gamma))
            throw new ArgumentException("gamma is NaN. Pass the target score, 1 for normalized scores.", nameof(gamma));
        double sum = 0;
        for (var run = 0; run < runs; run++)
        {
            for (var task = 0; task < tasks; task++)
                sum += Math.Min(scores[run][task], gamma);
        }
        return gamma - sum / ((double)runs * tasks);
    }

    /// <summary>
    /// The probability of improvement P(X &gt; Y) of algorithm x over algorithm y: per task, the Mann-Whitney U
    /// statistic divided by <c>n_x n_y</c> (the fraction of (x run, y run) pairs where x scores higher, a tie counting
    /// one half), then averaged over tasks (rliable <c>probability_of_improvement</c>). 0.5 means no difference;
    /// <c>PoI(x, y) + PoI(y, x) == 1</c>.
    /// </summary>
    /// <param name="x">The scores of the first algorithm, <c>x[run][task]</c>.</param>
    /// <param name="y">The scores of the second algorithm, <c>y[run][task]</c>: the same tasks, any number of runs.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <exception cref="ArgumentException">A matrix is empty, ragged or holds NaN, or the task counts differ.</exception>
    /// <example><code>Rliable.ProbabilityOfImprovement([[2.0], [3]], [[1.0], [3]])   // pairs 2>1, 2&lt;3, 3>1, 3=3: (1 + 0 + 1 + 0.5) / 4 = 0.625</code></example>
    public static double ProbabilityOfImprovement(IReadOnlyList<double[]> x, IReadOnlyList<double[]> y)
    {
        var (runsX, runsY, tasks) = ScoreMatrix.CheckPair(x, y);
        return ImprovementUnchecked(x, y, runsX, runsY, tasks);
    }

    /// <summary>
    /// The run-score distribution (rliable's performance profile with <c>use_score_distribution=True</c>): for each
    /// threshold tau, the fraction of all run x task scores strictly above tau.
    /// </summary>
    /// <param name="scores">The score matrix, <c>scores[run][task]</c>: rectangular, at least one run and task, no NaN.</param>
    /// <param name="taus">The thresholds, for example 0 to 2 in steps of 0.05 for normalized scores.</param>
    /// <returns>One fraction in [0, 1] per threshold, in the order of <paramref name="taus"/>.</returns>
    /// <exception cref="ArgumentException">The matrix is empty, ragged or holds NaN, or a threshold is NaN.</exception>
    /// <example><code>Rliable.PerformanceProfile([[1.0, 2], [3, 4]], [0, 2, 4])   // [1, 0.5, 0]</code></example>
    public static double[] PerformanceProfile(IReadOnlyList<double[]> scores, IReadOnlyList<double> taus)
    {
        var (runs, tasks) = ScoreMatrix.Check(scores, nameof(scores));
        ScoreMatrix.CheckTaus(taus);
        return ProfileUnchecked(scores, taus, runs, tasks);
    }

    private static double[] ProfileUnchecked(IReadOnlyList<double[]> scores, IReadOnlyList<double> taus, int runs, int tasks)
    {
        var total = (double)runs * tasks;
        var fractions = new double[taus.Count];
        for (var i = 0; i < taus.Count; i++)
        {
            var above = 0;
            for (var run = 0; run < runs; run++)
            {
                foreach (var score in scores[run])
                {
                    if (score > taus[i])
                        above++;
                }
            }
            fractions[i] = above / total;
        }
        return fractions;
    }

    private static double ImprovementUnchecked(IReadOnlyList<double[]> x, IReadOnlyList<double[]> y, int runsX, int runsY, int tasks)
    {
        // rliable returns 0.5 outright when a task's two columns are identical; the count below gives exactly 0.5
        // then too (U_xy = U_yx and they sum to n^2), so no special case is needed.
        var column = new double[runsY];
        double sum = 0;
        for (var task = 0; task < tasks; task++)
        {
            for (var run = 0; run < runsY; run++)
                column[run] = y[run][task];
            Array.Sort(column);
            // U = sum over x of (#y below it + 0.5 #y equal to it): two binary searches per x value instead of all
            // n_x n_y pairs, so the bootstrap stays cheap when "runs" are many episodes. U is a multiple of 0.5: exact.
            double u = 0;
            for (var run = 0; run < runsX; run++)
            {
                var value = x[run][task];
                var below = LowerBound(column, value);
                var notAbove = UpperBound(column, value);
                u += below + 0.5 * (notAbove - below);
            }
            sum += u / ((double)runsX * runsY);
        }
        return sum / tasks;
    }

    // The first index whose value is >= target.
    private static int LowerBound(double[] sorted, double target)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] < target)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    // The first index whose value is > target.
    private static int UpperBound(double[] sorted, double target)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] <= target)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }
}
