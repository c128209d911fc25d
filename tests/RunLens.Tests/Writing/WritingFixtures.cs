using System.Text.Json;

namespace RunLens.Tests.Writing;

/// <summary>Shared pieces of the run-writer tests: a deterministic clock, a recording sink, file readers.</summary>
internal static class WritingFixtures
{
    /// <summary>A clock that starts at 1,700,000,000 s and advances half a second per call.</summary>
    public static Func<double> CountingClock()
    {
        var calls = 0;
        return () => 1_700_000_000 + 0.5 * calls++;
    }

    public static GameStepRecord Record(long step, int env = 0) =>
        new(step, env, (int)(step % 7), (int)(step % 5), 40, new RewardComponents(0.005, 0, 0, 0, 0.05 * (step % 3), 0, 0), 2, 0.8);

    /// <summary>Reads a file another handle may still hold open, as a reader of a live or killed run does.</summary>
    public static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static List<JsonElement> Lines(string path) =>
        ReadShared(path).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
}

/// <summary>An <see cref="IScalarSink"/> that remembers every call.</summary>
internal sealed class RecordingSink : IScalarSink
{
    public List<KeyValuePair<string, string>> Hyperparameters { get; } = [];

    public List<(long Step, double WallTime, KeyValuePair<string, double>[] Scalars)> Scalars { get; } = [];

    public int Flushes { get; private set; }

    public bool Disposed { get; private set; }

    public void WriteHyperparameters(IReadOnlyList<KeyValuePair<string, string>> hyperparameters) => Hyperparameters.AddRange(hyperparameters);

    public void WriteScalars(long step, double wallTime, IReadOnlyList<KeyValuePair<string, double>> scalars) =>
        Scalars.Add((step, wallTime, scalars.ToArray()));

    public void Flush() => Flushes++;

    public void Dispose() => Disposed = true;
}
