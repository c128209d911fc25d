using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using RunLens.Fields;
using RunLens.Formats.Json;
using RunLens.Loading;

namespace RunLens.Formats.Wandb;

/// <summary>
/// What a run's <c>run-&lt;id&gt;.wandb</c> says about the run besides its history, read in one pass at discovery (current
/// clients write nothing else: no config.yaml, no wandb-summary.json). From wandb/proto/wandb_internal.proto:
/// <c>RunRecord</c> (run = 17: run_id 1, entity 2, project 3, config 4, summary 5, run_group 6, job_type 7,
/// display_name 8, notes 9, repeated tags 10, sweep_id 12, host 13), <c>ConfigRecord</c> (config = 5) and
/// <c>SummaryRecord</c> (summary = 3), both <c>{repeated update = 1; repeated remove = 2}</c> of items
/// <c>{key = 1; repeated nested_key = 2; value_json = 16}</c>, <c>MetricRecord</c> (metric = 12: name 1, glob_name 2,
/// step_metric 4) and <c>RunExitRecord</c> (exit = 18: exit_code 1). History records are skipped undecoded.
/// </summary>
/// <remarks>
/// The config and summary are rebuilt as the client does (core/internal/runconfig and runsummary): items apply in
/// order at their path (<c>nested_key</c> when given, else <c>[key]</c>); a config update whose value is an object
/// merges into what is there (pathtree.SetSubtree), any other update replaces; removes delete. The values are the
/// values themselves: the <c>{"value": ..., "desc": ...}</c> wrapper of config.yaml is added only when the client
/// writes that file (runconfig.Serialize). Framing problems are not reported here: the history reader reports them
/// when the run is scanned.
/// </remarks>
internal sealed class WandbRunLog
{
    private const uint UpdateTag = (1 << 3) | 2, RemoveTag = (2 << 3) | 2;
    private const uint SummaryTag = (3 << 3) | 2, ConfigTag = (5 << 3) | 2, MetricTag = (12 << 3) | 2, RunTag = (17 << 3) | 2, ExitTag = (18 << 3) | 2;

    private WandbRunLog()
    {
    }

    /// <summary>The run record's text fields by their proto names (run_id, display_name, project...), when set.</summary>
    public SortedDictionary<string, string> Identity { get; } = new(StringComparer.Ordinal);

    /// <summary>The run's tags (RunRecord.tags), in order.</summary>
    public List<string> Tags { get; } = [];

    /// <summary>The config tree; empty when the log has no config item.</summary>
    public JsonObject Config { get; } = [];

    /// <summary>The summary tree; empty when the log has no summary item.</summary>
    public JsonObject Summary { get; } = [];

    /// <summary>define_metric: the x-axis metric (step_metric) of each metric name or glob that has one.</summary>
    public SortedDictionary<string, string> XAxes { get; } = new(StringComparer.Ordinal);

    /// <summary>The exit code of the run's exit record; null when the log has none.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Reads the log's records. Null when the file cannot be opened.</summary>
    public static WandbRunLog? Read(string path, FieldMap map)
    {
        var log = new WandbRunLog();
        try
        {
            // Its own issue list, dropped: the scan reads the same file and reports its problems once.
            using var reader = new WandbLogReader(path, new FieldTable(map), new ScanIssues());
            while (reader.NextRawRecord(out var data, out var start, out var length, out _))
                log.Record(data, start, length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return log;
    }

    private void Record(byte[] data, int start, int length)
    {
        try
        {
            var input = new CodedInputStream(data, start, length);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (tag)
                {
                    case RunTag:
                        Run(Nested(input));
                        break;
                    case ConfigTag:
                        Changes(Nested(input), Config, merge: true);
                        break;
                    case SummaryTag:
                        Changes(Nested(input), Summary, merge: false);
                        break;
                    case MetricTag:
                        Metric(Nested(input));
                        break;
                    case ExitTag:
                        Exit(Nested(input));
                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }
        }
        catch (InvalidProtocolBufferException)
        {
            // The history reader reports records that are not valid protobuf when the run is scanned.
        }
    }

    private void Run(CodedInputStream input)
    {
        var tags = new List<string>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var field = WireFormat.GetTagFieldNumber(tag);
            switch (field)
            {
                case 4 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    Changes(Nested(input), Config, merge: true);
                    break;
                case 5 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    Changes(Nested(input), Summary, merge: false);
                    break;
                case 10 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    tags.Add(input.ReadString());
                    break;
                case 1 or 2 or 3 or 6 or 7 or 8 or 9 or 12 or 13 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    // A later run record (the run renamed, or resumed) updates what it sets.
                    if (input.ReadString() is { Length: > 0 } text)
                        Identity[RunFieldNames[field]] = text;
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        if (tags.Count > 0)
        {
            Tags.Clear();
            Tags.AddRange(tags);
        }
    }

    private static readonly Dictionary<int, string> RunFieldNames = new()
    {
        [1] = "run_id", [2] = "entity", [3] = "project", [6] = "group", [7] = "job_type", [8] = "display_name",
        [9] = "notes", [12] = "sweep_id", [13] = "host",
    };

    /// <summary>A ConfigRecord or SummaryRecord: updates (field 1) and removes (field 2), in order.</summary>
    private static void Changes(CodedInputStream input, JsonObject tree, bool merge)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag is UpdateTag or RemoveTag)
            {
                var (path, json) = Item(Nested(input));
                if (path.Count == 0)
                    continue;
                if (tag == RemoveTag)
                    Remove(tree, path);
                else if (merge && Parse(json) is JsonObject map)
                    SetSubtree(tree, path, map);
                else
                    Set(tree, path, Parse(json));
            }
            else
            {
                input.SkipLastField();
            }
        }
    }

    private static (List<string> Path, string Json) Item(CodedInputStream input)
    {
        string key = "", json = "";
        var nested = new List<string>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case (1 << 3) | 2:
                    key = input.ReadString();
                    break;
                case (2 << 3) | 2:
                    nested.Add(input.ReadString());
                    break;
                case (16 << 3) | 2:
                    json = input.ReadString();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        return (nested.Count > 0 ? nested : key.Length > 0 ? [key] : [], json);
    }

    private void Metric(CodedInputStream input)
    {
        string name = "", glob = "", step = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case (1 << 3) | 2:
                    name = input.ReadString();
                    break;
                case (2 << 3) | 2:
                    glob = input.ReadString();
                    break;
                case (4 << 3) | 2:
                    step = input.ReadString();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        // A record with only step_metric declares an x axis itself (runmetric.ProcessRecord): nothing to keep.
        var metric = name.Length > 0 ? name : glob;
        if (metric.Length > 0 && step.Length > 0)
            XAxes[metric] = step;
    }

    private void Exit(CodedInputStream input)
    {
        var code = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == 1 << 3)
                code = input.ReadInt32();
            else
                input.SkipLastField();
        }
        ExitCode = code;
    }

    private static CodedInputStream Nested(CodedInputStream input)
    {
        var bytes = input.ReadBytes();
        return MemoryMarshal.TryGetArray(bytes.Memory, out var segment)
            ? new CodedInputStream(segment.Array!, segment.Offset, segment.Count)
            : new CodedInputStream(bytes.ToByteArray());
    }

    /// <summary>
    /// A value_json as a JSON node. Python's bare NaN and ±Infinity are read as numbers (inside an object, through the
    /// markers of <see cref="NonFiniteLiterals"/>, read back by <see cref="Flatten(JsonObject, bool)"/>); text that is not JSON at all is
    /// kept as that text rather than dropped.
    /// </summary>
    private static JsonNode? Parse(string json)
    {
        var text = json.Trim();
        switch (text)
        {
            case "NaN":
                return JsonValue.Create(double.NaN);
            case "Infinity":
                return JsonValue.Create(double.PositiveInfinity);
            case "-Infinity":
                return JsonValue.Create(double.NegativeInfinity);
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        byte[] copy = [];
        if (text.StartsWith('{') && NonFiniteLiterals.Rewrite(bytes, ref copy, out _, out var written) == ParseOutcome.Complete)
        {
            try
            {
                return JsonNode.Parse(copy.AsSpan(0, written));
            }
            catch (JsonException)
            {
            }
        }
        return JsonValue.Create(text);
    }

    private static void Set(JsonObject tree, List<string> path, JsonNode? value)
    {
        var node = tree;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (node[path[i]] is not JsonObject child)
                node[path[i]] = child = [];
            node = child;
        }
        node[path[^1]] = value;
    }

    private static void SetSubtree(JsonObject tree, List<string> path, JsonObject map)
    {
        foreach (var (key, value) in map.ToList())
        {
            List<string> inner = [.. path, key];
            if (value is JsonObject child)
                SetSubtree(tree, inner, child);
            else
                Set(tree, inner, value?.DeepClone());
        }
    }

    private static void Remove(JsonObject tree, List<string> path)
    {
        var node = tree;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (node[path[i]] is not JsonObject child)
                return;
            node = child;
        }
        node.Remove(path[^1]);
    }

    /// <summary>
    /// A tree flattened to dotted names, W&amp;B's own <c>_wandb</c> key left out: numbers, booleans and text keep their
    /// types; arrays are their JSON text; null is empty text; with <paramref name="media"/>, a W&amp;B object (an image,
    /// a histogram, a table: a <c>_type</c> key) is its type.
    /// </summary>
    public static Dictionary<string, ConfigValue> Flatten(JsonObject tree, bool media)
    {
        var into = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        foreach (var (key, value) in tree)
        {
            if (key != "_wandb")
                Flatten(key, value, media, into);
        }
        return into;
    }

    private static void Flatten(string key, JsonNode? node, bool media, Dictionary<string, ConfigValue> into)
    {
        switch (node)
        {
            case null:
                into[key] = ConfigValue.Null;
                break;
            case JsonObject obj when media && obj["_type"] is JsonValue type:
                into[key] = ConfigValue.Of(type.GetValueKind() == JsonValueKind.String ? type.GetValue<string>() : type.ToJsonString());
                break;
            case JsonObject obj:
                foreach (var (name, child) in obj)
                    Flatten(key + "." + name, child, media, into);
                break;
            case JsonArray array:
                into[key] = Item(array);
                break;
            case JsonValue value:
                into[key] = Scalar(value);
                break;
        }
    }

    /// <summary>A list keeps its items' types (nested lists too); a mapping inside a list stays its JSON text.</summary>
    private static ConfigValue Item(JsonNode? node) => node switch
    {
        null => ConfigValue.Null,
        JsonArray array => ConfigValue.List(array.Select(Item)),
        JsonValue value => Scalar(value),
        _ => ConfigValue.Of(node.ToJsonString()),
    };

    private static ConfigValue Scalar(JsonValue value)
    {
        if (value.TryGetValue<double>(out var number))
            return ConfigValue.Of(number);
        switch (value.GetValueKind())
        {
            case JsonValueKind.True or JsonValueKind.False:
                return ConfigValue.Of(value.GetValue<bool>());
            case JsonValueKind.Number:
                return ConfigValue.Of(double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture));
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                // A marker of NonFiniteLiterals: the number Python wrote bare.
                return text is ['\uFDD0', var kind] && kind is 'N' or 'P' or 'M'
                    ? ConfigValue.Of(kind switch { 'N' => double.NaN, 'P' => double.PositiveInfinity, _ => double.NegativeInfinity })
                    : ConfigValue.Of(text);
            default:
                return ConfigValue.Of(value.ToJsonString());
        }
    }
}
