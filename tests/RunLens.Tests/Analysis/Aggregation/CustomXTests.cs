using RunLens.TestSupport;

namespace RunLens.Tests.Analysis.Aggregation;

public class CustomXTests
{
    // Two seeds of one variant: seed 1 logs every 100 env steps (updates 0, 1, 2), seed 2 every 200 (updates 0, 1),
    // the same experience in fewer, larger updates; seed 2 also logs a score at update 2 without env_steps.
    private static RunSet Fixture(TempDir dir)
    {
        void Write(string timestamp, int seed, params (long Update, double? EnvSteps, double Score)[] points)
        {
            using var writer = RunWriter.Create(Path.Combine(dir.Path, "exp", "v1", timestamp));
            writer.WriteConfig([new("seed", seed)]);
            foreach (var (update, envSteps, score) in points)
            {
                writer.LogScalars(update, envSteps is { } e ? [new("score", score), new("env_steps", e)] : [new("score", score)]);
            }
        }
        Write("20250101_000000", 1, (0, 0, 1), (1, 100, 2), (2, 200, 3));
        Write("20250101_010000", 2, (0, 0, 1), (1, 200, 3), (2, null, 9));
        return Runs.Load(dir.Path);
    }

    [Fact]
    public void Runs_align_on_the_x_field_instead_of_the_step()
    {
        using var dir = new TempDir();
        var runs = Fixture(dir);

        var onSteps = Assert.Single(runs.AggregateCurves("metrics.score"));
        var onEnvSteps = Assert.Single(runs.AggregateCurves("metrics.score", options: new AggregateOptions { X = "metrics.env_steps" }));

        // By update, seed 2's update 1 (200 env steps, score 3) sits beside seed 1's update 1 (100 env steps, score 2).
        Assert.Equal([0L, 1, 2], onSteps.Steps);
        Assert.Equal(2.5, onSteps.Center[1]);
        // By env steps: the grid is 0, 100, 200; seed 2 at 100 is halfway between 1 and 3: both seeds read 2 there.
        Assert.Equal([0L, 100, 200], onEnvSteps.Steps);
        Assert.Equal([1.0, 2, 3], onEnvSteps.Center);
        Assert.Equal([2, 2, 2], onEnvSteps.Seeds);
        Assert.Equal("metrics.env_steps", onEnvSteps.X);
        Assert.Contains("x: metrics.env_steps", onEnvSteps.Method);
        Assert.Contains(onEnvSteps.Notes, n => n.Contains("1 of 3 points have no metrics.env_steps at their step; left out."));
    }
}
