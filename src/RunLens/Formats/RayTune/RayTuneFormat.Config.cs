using System.Text.Json;
using RunLens.Loading.Discovery;

namespace RunLens.Formats.RayTune;

internal sealed partial class RayTuneFormat
{
    /// <summary>The trial's hyperparameters from the best source there is (see the class remarks).</summary>
    private static void ReadConfig(PreparedTrial trial, RayTrialFolder? folder, DiscoveryContext context)
    {
        if (folder?.Params is { } paramsFile)
        {
            using var doc = RayJson.Read(paramsFile, context.Issues, "the trial loads without its params.json");
            if (doc is not null && doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                RayJson.Flatten(doc.RootElement, "", trial.Config);
                return;
            }
            if (doc is not null)
                context.Issues.Add(new LoadIssue(paramsFile.FullName, 0, 1, "params.json is not a JSON object; the trial loads without it"));
        }
        if (trial.State is { } state && state.Trial.Config.Count > 0)
        {
            trial.Config = new(state.Trial.Config, StringComparer.Ordinal);
            trial.Notes.Add($"hyperparameters from {state.File.Name}");
            return;
        }
        if (folder?.Result is { Length: > 0 } result && FirstResultConfig(result) is { Count: > 0 } fromResult)
        {
            trial.Config = fromResult;
            trial.Notes.Add("hyperparameters from the config of the first result in result.json (no params.json)");
            return;
        }
        if (trial.Name is { Vars.Count: > 0 } name)
        {
            foreach (var (key, value) in name.Vars)
                trial.Config[key] = value;
            trial.Notes.Add("hyperparameters from the folder name (no params.json): the swept values only, as Tune shortened them");
        }
    }

    /// <summary>The <c>config</c> object of the first line of <c>result.json</c>, flattened; null when there is none.</summary>
    private static Dictionary<string, ConfigValue>? FirstResultConfig(FileInfo result)
    {
        try
        {
            using var stream = result.OpenRead();
            var buffer = new byte[Math.Min(result.Length, 8 << 20)];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var line = buffer.AsSpan(0, length);
            var end = line.IndexOf((byte)'\n');
            using var doc = RayJson.Parse(end < 0 ? line : line[..end], out _);
            if (doc is null || doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object)
                return null;
            var flat = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
            RayJson.Flatten(config, "", flat);
            return flat;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
