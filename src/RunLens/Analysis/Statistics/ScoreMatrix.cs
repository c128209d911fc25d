namespace RunLens;

/// <summary>
/// Checks and small helpers shared by the rliable functions: score matrices are runs x tasks
/// (<c>scores[run][task]</c>), rectangular, non-empty and free of NaN.
/// </summary>
internal static class ScoreMatrix
{
    /// <summary>Checks the shape and values of a score matrix and returns its run and task counts.</summary>
    public static (int Runs, int Tasks) Check(IReadOnlyList<double[]> scores, string name)
    {
        ArgumentNullException.ThrowIfNull(scores, name);
        if (scores.Count == 0)
            throw new ArgumentException($"The score matrix {name} has no runs. Pass {name}[run][task] with at least one run (one row per seed).", name);
        var first = scores[0] ?? throw new ArgumentException($"{name}[0] is null. Every run needs an array with one score per task.", name);
        var tasks = first.Length;
        if (tasks == 0)
            throw new ArgumentException($"{name}[0] has no scores. Every run needs one score per task ({name}[run][task]); a single benchmark is one task: new[] {{ score }}.", name);
        for (var run = 0; run < scores.Count; run++)
        {
            var row = scores[run] ?? throw new ArgumentException($"{name}[{run}] is null. Every run needs an array with one score per task.", name);
            if (row.Length != tasks)
                throw new ArgumentException(
                    $"{name}[{run}] has {row.Length} task scores but {name}[0] has {tasks}. The matrix must be rectangular, {name}[run][task] " +
                    "with the same tasks in the same order in every run; leave out runs that miss a task, or compute per task.", name);
            for (var task = 0; task < tasks; task++)
            {
                if (double.IsNaN(row[task]))
                    throw new ArgumentException(
                        $"{name}[{run}][{task}] is NaN. A NaN would turn every metric into NaN (rliable passes it on silently); " +
                        "leave the failed run out, or replace the score deliberately, before computing.", name);
            }
        }
        return (scores.Count, tasks);
    }

    /// <summary>Checks two score matrices that are compared task by task (their run counts may differ).</summary>
    public static (int RunsX, int RunsY, int Tasks) CheckPair(IReadOnlyList<double[]> x, IReadOnlyList<double[]> y)
    {
        var (runsX, tasksX) = Check(x, nameof(x));
        var (runsY, tasksY) = Check(y, nameof(y));
        if (tasksX != tasksY)
            throw new ArgumentException(
                $"x has {tasksX} tasks but y has {tasksY}. Probability of improvement compares the two algorithms task by task: " +
                "pass both as [run][task] over the same tasks in the same order (their numbers of runs may differ).", nameof(y));
        return (runsX, runsY, tasksX);
    }

    /// <summary>Checks that the thresholds of a performance profile are numbers.</summary>
    public static void CheckTaus(IReadOnlyList<double> taus)
    {
        ArgumentNullException.ThrowIfNull(taus);
        for (var i = 0; i < taus.Count; i++)
        {
            if (double.IsNaN(taus[i]))
                throw new ArgumentException($"taus[{i}] is NaN. Thresholds must be numbers, for example 0, 0.1, ..., 2 for normalized scores.", nameof(taus));
        }
    }

    /// <summary>The mean of each task (column).</summary>
    public static double[] TaskMeans(IReadOnlyList<double[]> scores, int runs, int tasks)
    {
        var means = new double[tasks];
        for (var task = 0; task < tasks; task++)
        {
            double sum = 0;
            for (var run = 0; run < runs; run++)
                sum += scores[run][task];
            means[task] = sum / runs;
        }
        return means;
    }

    /// <summary>
    /// The stratified resample of rliable's StratifiedBootstrap (task_bootstrap=False): entry [run][task] is
    /// <c>scores[k][task]</c> with k drawn uniformly from the runs, independently for every entry, so each task keeps
    /// its own column of scores. Draws are taken run by run, task by task (row-major, like numpy's index array).
    /// </summary>
    public static double[][] Resample(IReadOnlyList<double[]> scores, int runs, int tasks, Xoshiro256StarStar generator)
    {
        var sample = new double[runs][];
        for (var run = 0; run < runs; run++)
        {
            var row = new double[tasks];
            for (var task = 0; task < tasks; task++)
                row[task] = scores[generator.NextInt(runs)][task];
            sample[run] = row;
        }
        return sample;
    }

    /// <summary>
    /// The percentile interval of bootstrap replicates as arch (through rliable) computes it:
    /// <c>np.percentile(values, 100 * alpha)</c> and <c>np.percentile(values, 100 * (1 - alpha))</c> with
    /// alpha = (1 - confidence) / 2 and numpy's default "linear" method. NaN when any replicate is NaN.
    /// </summary>
    public static (double Lower, double Upper) PercentileInterval(double[] replicates, double confidence)
    {
        foreach (var value in replicates)
        {
            if (double.IsNaN(value))
                return (double.NaN, double.NaN);
        }
        Array.Sort(replicates);
        var alpha = (1 - confidence) / 2;
        return (Percentile(replicates, 100 * alpha), Percentile(replicates, 100 * (1 - alpha)));
    }

    /// <summary>
    /// numpy's <c>percentile(sorted, q)</c> with the default "linear" method: position (q / 100) (n - 1), and linear
    /// interpolation between its neighbours written as numpy's <c>_lerp</c> (which interpolates from the upper
    /// neighbour when the fraction is at least 0.5), so results agree to the last bit.
    /// </summary>
    public static double Percentile(double[] sorted, double q)
    {
        var n = sorted.Length;
        var position = (n - 1) * (q / 100);
        var below = Math.Floor(position);
        var fraction = position - below;
        var lowerIndex = Math.Clamp((int)below, 0, n - 1);
        var upperIndex = Math.Min(lowerIndex + 1, n - 1);
        var a = sorted[lowerIndex];
        var b = sorted[upperIndex];
        var difference = b - a;
        return fraction >= 0.5 ? b - difference * (1 - fraction) : a + difference * fraction;
    }
}
