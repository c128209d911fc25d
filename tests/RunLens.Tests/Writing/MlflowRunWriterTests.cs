using System.Text.RegularExpressions;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Writing;

public partial class MlflowRunWriterTests(ITestOutputHelper output)
{
    private const double Start = 1753535234.5;
    private static readonly MlflowRunOptions Options = new() { ExperimentId = "127694301877723077", ExperimentName = "Experiment", RunName = "ppo-seed0" };

    [Fact]
    public void Run_folder_has_meta_params_tags_and_one_metric_file_per_key()
    {
        using var dir = new TempDir();
        var run = WriteRun(dir.Path);
        Assert.Equal(Path.Combine(dir.Path, "127694301877723077", MlflowRunWriter.RunIdFromSeed(0)), run);
        Assert.Equal("0.0003", File.ReadAllText(Path.Combine(run, "params", "learning_rate")));
        Assert.Equal("ppo-seed0", File.ReadAllText(Path.Combine(run, "tags", "mlflow.runName")));
        Assert.Equal("LOCAL", File.ReadAllText(Path.Combine(run, "tags", "mlflow.source.type")));
        Assert.Equal(
            ["1753535234500 21.5 0", "1753535244750 nan 2048"],
            File.ReadAllLines(Path.Combine(run, "metrics", "rollout", "ep_rew_mean")));
        Assert.Equal(
            ["1753535234500 1.0 0", "1753535244750 -inf 2048"],
            File.ReadAllLines(Path.Combine(run, "metrics", "train", "loss")));
        Assert.EndsWith("\n", File.ReadAllText(Path.Combine(run, "metrics", "train", "loss")), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_is_running_until_dispose_then_finished_at_the_last_wall_time()
    {
        using var dir = new TempDir();
        var mlflow = new MlflowRunWriter(dir.Path, Start, Options);
        var meta = Path.Combine(mlflow.RunDirectory, "meta.yaml");
        Assert.Contains("end_time: null\n", File.ReadAllText(meta), StringComparison.Ordinal);
        Assert.Contains("status: 1\n", File.ReadAllText(meta), StringComparison.Ordinal);
        mlflow.WriteScalars(10, Start + 60, [new("loss", 1)]);
        mlflow.Dispose();
        Assert.Contains("end_time: 1753535294500\n", File.ReadAllText(meta), StringComparison.Ordinal);
        Assert.Contains("start_time: 1753535234500\n", File.ReadAllText(meta), StringComparison.Ordinal);
        Assert.Contains("status: 3\n", File.ReadAllText(meta), StringComparison.Ordinal);
    }

    [RealDataFact("mlflow/1234525344__stock-quant/mlruns/127694301877723077")]
    public void Meta_files_have_the_real_stores_keys_in_order_with_the_same_value_styles()
    {
        var folder = RealRuns.Folder("mlflow/1234525344__stock-quant/mlruns/127694301877723077", output);

        using var dir = new TempDir();
        var run = WriteRun(dir.Path);
        var realRun = Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal).First();
        AssertSameShape(Path.Combine(folder, "meta.yaml"), Path.Combine(dir.Path, "127694301877723077", "meta.yaml"));
        AssertSameShape(Path.Combine(realRun, "meta.yaml"), Path.Combine(run, "meta.yaml"));
    }

    [RealDataFact("mlflow/1234525344__stock-quant/mlruns/127694301877723077")]
    public void Metric_lines_params_and_tags_have_the_real_stores_shapes()
    {
        var folder = RealRuns.Folder("mlflow/1234525344__stock-quant/mlruns/127694301877723077", output);

        using var dir = new TempDir();
        var run = WriteRun(dir.Path);
        var realRun = Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal).First();
        foreach (var line in File.ReadLines(Path.Combine(realRun, "metrics", "l2.train")).Concat(File.ReadLines(Path.Combine(run, "metrics", "train", "loss"))))
            Assert.Matches(MetricLine(), line);
        Assert.False(File.ReadAllText(Directory.GetFiles(Path.Combine(realRun, "params"))[0]).EndsWith('\n'));
        Assert.False(File.ReadAllText(Path.Combine(run, "params", "learning_rate")).EndsWith('\n'));
        var ourTags = Directory.GetFiles(Path.Combine(run, "tags")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var realTags = Directory.GetFiles(Path.Combine(realRun, "tags")).Select(Path.GetFileName);
        Assert.Equal(ourTags, realTags.Intersect(ourTags).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Same_inputs_give_the_same_files()
    {
        using var dir = new TempDir();
        var first = Snapshot(dir.Path);
        Directory.Delete(dir.Path, recursive: true);
        Assert.Equal(first, Snapshot(dir.Path));

        static List<string> Snapshot(string root)
        {
            WriteRun(root);
            return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(f => Path.GetRelativePath(root, f) + "\n" + Convert.ToHexString(File.ReadAllBytes(f))).ToList();
        }
    }

    [Fact]
    public void Run_ids_from_seeds_are_32_lowercase_hex_and_deterministic()
    {
        Assert.Matches("^[0-9a-f]{32}$", MlflowRunWriter.RunIdFromSeed(0));
        Assert.Equal(MlflowRunWriter.RunIdFromSeed(42), MlflowRunWriter.RunIdFromSeed(42));
        Assert.NotEqual(MlflowRunWriter.RunIdFromSeed(0), MlflowRunWriter.RunIdFromSeed(1));
        using var dir = new TempDir();
        using var mlflow = new MlflowRunWriter(dir.Path, Start, new MlflowRunOptions { RunId = "929eba6344ae4263b7a0f8b26fec2508" });
        Assert.Equal(Path.Combine(dir.Path, "0", "929eba6344ae4263b7a0f8b26fec2508"), mlflow.RunDirectory);
    }

    [Fact]
    public void An_existing_experiment_is_reused_and_an_existing_run_is_refused()
    {
        using var dir = new TempDir();
        var experimentMeta = dir.Write("0/meta.yaml", "name: Mine\n");
        using (new MlflowRunWriter(dir.Path, Start, new MlflowRunOptions { Seed = 1 })) { }
        Assert.Equal("name: Mine\n", File.ReadAllText(experimentMeta));
        Assert.Throws<IOException>(() => new MlflowRunWriter(dir.Path, Start, new MlflowRunOptions { Seed = 1 }));
    }

    [Theory]
    [InlineData("/abs")]
    [InlineData("a/../b")]
    [InlineData("trailing/")]
    [InlineData("bad\\sep")]
    public void Keys_that_are_not_safe_relative_paths_are_refused(string key)
    {
        using var dir = new TempDir();
        using var mlflow = new MlflowRunWriter(dir.Path, Start);
        Assert.Throws<ArgumentException>(() => mlflow.WriteScalars(0, Start, [new(key, 1)]));
    }

    private static string WriteRun(string root)
    {
        using var mlflow = new MlflowRunWriter(root, Start, Options);
        mlflow.WriteHyperparameters([new("learning_rate", "0.0003"), new("policy", "MlpPolicy")]);
        mlflow.WriteScalars(0, Start, [new("rollout/ep_rew_mean", 21.5), new("train/loss", 1)]);
        mlflow.WriteScalars(2048, Start + 10.25, [new("rollout/ep_rew_mean", double.NaN), new("train/loss", double.NegativeInfinity)]);
        mlflow.Flush();
        return mlflow.RunDirectory;
    }

    // Same keys in the same order, and per key the same kind of value: quoted string, integer, null, [] or plain.
    private static void AssertSameShape(string realPath, string ourPath)
    {
        Assert.Equal(Shape(realPath), Shape(ourPath));

        static List<string> Shape(string path) => File.ReadAllLines(path).Select(line =>
        {
            var (key, value) = (line[..line.IndexOf(": ", StringComparison.Ordinal)], line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
            var kind = value switch
            {
                "null" or "[]" => value,
                _ when value.StartsWith('\'') => "quoted",
                _ when long.TryParse(value, out _) => "integer",
                _ => "plain",
            };
            // A run's end_time is null while it runs and an integer once finished; compare the finished shape.
            return key + ": " + kind;
        }).ToList();
    }

    [GeneratedRegex(@"^\d{13} -?(?:\d+\.\d+(?:e[-+]\d\d+)?|\d(?:\.\d+)?e[-+]\d\d+|nan|inf) -?\d+$")]
    private static partial Regex MetricLine();
}
