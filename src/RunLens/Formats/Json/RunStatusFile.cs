using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunLens.Formats.Json;

/// <summary>
/// <c>status.json</c>, where <see cref="RunWriter"/> records whether its run is still being written:
/// <c>{"status":"running"}</c> when it starts and <c>{"status":"finished"}</c> when it is disposed (no times: the
/// writer's clock is the training code's, and a run written from the same seeds must give the same files). A trainer that is killed leaves "running" (a watch then ends on its idle timeout). Discovery
/// reads it into <see cref="RunInfo.Status"/>; it is never read as a log.
/// </summary>
internal static class RunStatusFile
{
    public const string FileName = "status.json";
    public const string Running = "running";
    public const string Finished = "finished";

    /// <summary>Writes the document (the caller makes the write atomic).</summary>
    public static void Write(Utf8JsonWriter json, RunStatusDocument document) =>
        JsonSerializer.Serialize(json, document, RunStatusJsonContext.Default.RunStatusDocument);

    /// <summary>
    /// The status recorded in the run folder's <c>status.json</c>; null when there is none, or when it cannot be read
    /// (then with an issue naming the file and what to do).
    /// </summary>
    public static string? Read(string runDir, List<LoadIssue> issues)
    {
        var path = Path.Combine(runDir, FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (JsonSerializer.Deserialize(bytes, RunStatusJsonContext.Default.RunStatusDocument) is { Status: { Length: > 0 } status })
                return status;
            issues.Add(new LoadIssue(path, 0, 1, "status.json has no \"status\" string (RunWriter writes {\"status\":\"running\"} or \"finished\"); the run's status is unknown. Fix or remove the file."));
        }
        catch (JsonException ex)
        {
            issues.Add(new LoadIssue(path, ex.LineNumber == 0 ? ex.BytePositionInLine : null, ex.LineNumber + 1,
                $"status.json is not a status document ({ex.Message}); the run's status is unknown. Fix or remove the file."));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(path, null, null, $"cannot read status.json: {ex.Message}; the run's status is unknown."));
        }
        return null;
    }
}

/// <summary>The content of <c>status.json</c>.</summary>
/// <param name="Status"><c>running</c> or <c>finished</c>.</param>
internal sealed record RunStatusDocument([property: JsonPropertyName("status")] string? Status);

[JsonSerializable(typeof(RunStatusDocument))]
internal sealed partial class RunStatusJsonContext : JsonSerializerContext;
