using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunLens.Samples;

/// <summary>
/// What <see cref="SyntheticExperiment.Write"/> wrote and what a scan of it must find. Also saved as
/// <c>manifest.json</c> beside the <c>experiments</c> folder (outside it, so loaders never read it as a log).
/// </summary>
/// <param name="Options">The options it was generated with.</param>
/// <param name="DataFiles">Log files written (config.json files not counted).</param>
/// <param name="DataBytes">Their total size on disk, after damage.</param>
/// <param name="Expected">What a scan of the whole experiments folder must find.</param>
/// <param name="Runs">Each run folder and its own truths, in generation order.</param>
/// <param name="Damage">What the requested damage did.</param>
public sealed record SyntheticManifest(
    SyntheticExperimentOptions Options, int DataFiles, long DataBytes, ExpectedScan Expected,
    IReadOnlyList<SyntheticRun> Runs, IReadOnlyList<DamageReport> Damage)
{
    /// <summary>The manifest's file name in the output folder.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The name of the folder that holds the runs, inside the output folder.</summary>
    public const string ExperimentsFolder = "experiments";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The full path of the experiments folder (pass it to <c>Runs.Load</c>). Not saved in the file,
    /// so two copies of the same experiment have identical manifests.</summary>
    [JsonIgnore]
    public string ExperimentsPath { get; init; } = "";

    /// <summary>Reads the manifest a previous <see cref="SyntheticExperiment.Write"/> left in <paramref name="outDir"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no manifest (nothing generated there, or generation did not finish).</exception>
    public static SyntheticManifest Read(string outDir)
    {
        var root = Path.GetFullPath(outDir);
        using var file = File.OpenRead(Path.Combine(root, FileName));
        var manifest = JsonSerializer.Deserialize<SyntheticManifest>(file, Json)
            ?? throw new InvalidDataException($"{Path.Combine(root, FileName)} is empty.");
        return manifest with { ExperimentsPath = Path.Combine(root, ExperimentsFolder) };
    }

    /// <summary>The run with this relative path (for example <c>v1/20250726_130714</c>).</summary>
    public SyntheticRun Run(string path) =>
        Runs.FirstOrDefault(r => r.Path == path)
        ?? throw new KeyNotFoundException($"No run '{path}'. Runs: {string.Join(", ", Runs.Select(r => r.Path))}.");

    internal void Save(string outDir)
    {
        // Written last and renamed into place: its presence means the experiment is complete.
        var target = Path.Combine(outDir, FileName);
        var temp = target + ".tmp";
        using (var file = File.Create(temp))
            JsonSerializer.Serialize(file, this, Json);
        File.Move(temp, target, overwrite: true);
    }
}
