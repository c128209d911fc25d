using System.Reflection;
using System.Runtime.Loader;
using RunLens.TestSupport;

namespace RunLens.Tests.Formats.Mlflow;

/// <summary>
/// SQLite and protobuf load only when a database or a W&amp;B log is met. RunLens runs in a fresh load context that
/// loads those two assemblies itself, so what it loaded can be seen whatever this test process loaded before.
/// </summary>
public class DependencyLoadingTests
{
    private static readonly string[] Dependencies = ["Microsoft.Data.Sqlite", "Google.Protobuf"];

    private sealed class Isolated(string bin) : AssemblyLoadContext(isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name)
        {
            var path = Path.Combine(bin, name.Name + ".dll");
            return (name.Name == "RunLens" || Dependencies.Contains(name.Name)) && File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }

    /// <summary>Loads and scans the folder with a RunLens of its own; returns the dependencies that context loaded.</summary>
    private static List<string> LoadedWhileReading(string folder)
    {
        var bin = Path.GetDirectoryName(typeof(Runs).Assembly.Location)!;
        var context = new Isolated(bin);
        try
        {
            var runLens = context.LoadFromAssemblyPath(Path.Combine(bin, "RunLens.dll"));
            var runs = runLens.GetType("RunLens.Runs")!.GetMethod("Load")!.Invoke(null, [folder, null])!;
            runs.GetType().GetMethod("Scan")!.Invoke(runs, [null]);
            return context.Assemblies.Select(a => a.GetName().Name!).Where(Dependencies.Contains).Order(StringComparer.Ordinal).ToList();
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void A_file_store_and_json_logs_load_neither_sqlite_nor_protobuf()
    {
        using var dir = new TempDir();
        dir.Write("mlruns/1/meta.yaml", "experiment_id: '1'\nlifecycle_stage: active\nname: exp\n");
        dir.Write("mlruns/1/0123456789abcdef0123456789abcdef/meta.yaml", "run_id: 0123456789abcdef0123456789abcdef\nstatus: 3\n");
        dir.Write("mlruns/1/0123456789abcdef0123456789abcdef/metrics/loss", "1700000000000 1.0 0\n");
        dir.Write("json/log.jsonl", "{\"step\": 1, \"loss\": 0.5}\n");

        Assert.Empty(LoadedWhileReading(dir.Path));
    }

    [Fact]
    public void A_database_loads_sqlite_and_a_wandb_log_loads_protobuf()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("a/mlflow.db"), []);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dir.Path, "a", "mlflow.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE experiments (experiment_id, name); CREATE TABLE runs (run_uuid, experiment_id); CREATE TABLE metrics (key, value, timestamp, run_uuid, step, is_nan);";
            command.ExecuteNonQuery();
        }
        var log = new Wandb.WandbLogFixture().Write(Wandb.WandbLogFixture.History(0, 0, Wandb.WandbLogFixture.Item("q", "1")));
        File.WriteAllBytes(dir.File("b/wandb/run-20240101_000000-x1/run-x1.wandb"), log.Bytes);

        Assert.Equal(["Google.Protobuf", "Microsoft.Data.Sqlite"], LoadedWhileReading(dir.Path));
    }
}
