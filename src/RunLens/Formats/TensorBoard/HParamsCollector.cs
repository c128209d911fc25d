using System.Text.Json;
using System.Text;
using Google.Protobuf;
using static RunLens.Formats.TensorBoard.TensorBoardProto;

namespace RunLens.Formats.TensorBoard;

/// <summary>
/// Reads the hparams plugin's summaries (<c>HParamsPluginData</c> in the summary metadata's plugin content): the
/// session's hyperparameters (<c>session_start_info.hparams</c>, a map of <c>google.protobuf.Value</c>), its group name,
/// the metric names the experiment declares (<c>experiment.metric_infos</c>) and the session's end status. Runs at
/// discovery only, so it may allocate freely.
/// </summary>
internal sealed class HParamsCollector
{
    /// <summary>The hyperparameters by name: numbers, booleans and strings typed; lists and structs as JSON text; null as "".</summary>
    public Dictionary<string, ConfigValue> Config { get; } = new(StringComparer.Ordinal);

    /// <summary>The declared metric names, <c>group/tag</c> (just the tag when the group is empty), in order.</summary>
    public List<string> Metrics { get; } = [];

    /// <summary>The session group name, when one was given.</summary>
    public string? Group { get; private set; }

    /// <summary><c>FINISHED</c>, <c>FAILED</c> or <c>RUNNING</c> from the session end info; null when unknown.</summary>
    public string? Status { get; private set; }

    /// <summary>True once any hparams summary was read.</summary>
    public bool Seen { get; private set; }

    /// <summary>Merges one <c>HParamsPluginData</c>.</summary>
    /// <exception cref="InvalidProtocolBufferException">The content is not a valid HParamsPluginData.</exception>
    public void Merge(byte[] buffer, int start, int length)
    {
        Seen = true;
        var input = new CodedInputStream(buffer, start, length);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case HParams.SessionStartInfo:
                    SessionStart(input.ReadBytes().CreateCodedInput());
                    break;
                case HParams.SessionEndInfo:
                    SessionEnd(input.ReadBytes().CreateCodedInput());
                    break;
                case HParams.Experiment:
                    Experiment(input.ReadBytes().CreateCodedInput());
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
    }

    private void SessionStart(CodedInputStream input)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == HParams.StartHParams)
            {
                var (key, value) = MapEntry(input.ReadBytes().CreateCodedInput());
                if (key is not null)
                    Config[key] = value;
            }
            else if (tag == HParams.StartGroupName)
            {
                var group = input.ReadString();
                Group = group.Length > 0 ? group : Group;
            }
            else
            {
                input.SkipLastField();
            }
        }
    }

    private void SessionEnd(CodedInputStream input)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag != HParams.EndStatus)
            {
                input.SkipLastField();
                continue;
            }
            Status = input.ReadEnum() switch
            {
                HParams.StatusSuccess => "FINISHED",
                HParams.StatusFailure => "FAILED",
                HParams.StatusRunning => "RUNNING",
                _ => Status,
            };
        }
    }

    private void Experiment(CodedInputStream input)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag != HParams.ExperimentMetricInfos)
            {
                input.SkipLastField();
                continue;
            }
            var info = input.ReadBytes().CreateCodedInput();
            uint field;
            while ((field = info.ReadTag()) != 0)
            {
                if (field != HParams.MetricInfoName)
                {
                    info.SkipLastField();
                    continue;
                }
                var name = MetricName(info.ReadBytes().CreateCodedInput());
                if (name.Length > 0 && !Metrics.Contains(name))
                    Metrics.Add(name);
            }
        }
    }

    private static string MetricName(CodedInputStream input)
    {
        string group = "", tag = "";
        uint field;
        while ((field = input.ReadTag()) != 0)
        {
            if (field == HParams.MetricGroup)
                group = input.ReadString();
            else if (field == HParams.MetricTag)
                tag = input.ReadString();
            else
                input.SkipLastField();
        }
        return group.Length > 0 ? group + "/" + tag : tag;
    }

    private static (string? Key, ConfigValue Value) MapEntry(CodedInputStream input)
    {
        string? key = null;
        var value = ConfigValue.Null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == HParams.MapKey)
                key = input.ReadString();
            else if (tag == HParams.MapValue)
                value = Value(input.ReadBytes());
            else
                input.SkipLastField();
        }
        return (key, value);
    }

    /// <summary>
    /// A <c>google.protobuf.Value</c> as a config value: null stays null (as does a value with no kind set), a list
    /// is a list of its values, a struct (no dotted name to flatten to) is its JSON text.
    /// </summary>
    private static ConfigValue Value(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        var value = ConfigValue.Null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case StructValue.Number:
                    value = ConfigValue.Of(input.ReadDouble());
                    break;
                case StructValue.String:
                    value = ConfigValue.Of(input.ReadString());
                    break;
                case StructValue.Bool:
                    value = ConfigValue.Of(input.ReadBool());
                    break;
                case StructValue.Null:
                    input.ReadEnum();
                    value = ConfigValue.Null;
                    break;
                case StructValue.List:
                    value = ConfigValue.List(ListItems(input.ReadBytes()));
                    break;
                case StructValue.Struct:
                    value = ConfigValue.Of(Json(bytes));
                    input.SkipLastField();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        return value;
    }

    /// <summary>The values of a <c>google.protobuf.ListValue</c>.</summary>
    private static List<ConfigValue> ListItems(ByteString list)
    {
        var items = new List<ConfigValue>();
        var input = list.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == StructValue.Items)
                items.Add(Value(input.ReadBytes()));
            else
                input.SkipLastField();
        }
        return items;
    }

    /// <summary>A list or struct value as JSON text, written by <see cref="Utf8JsonWriter"/>.</summary>
    private static string Json(ByteString value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            WriteValue(writer, value.CreateCodedInput());
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, CodedInputStream input)
    {
        var written = false;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case StructValue.Number:
                    var number = input.ReadDouble();
                    if (double.IsFinite(number))
                        writer.WriteNumberValue(number);
                    else
                        writer.WriteStringValue(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case StructValue.String:
                    writer.WriteStringValue(input.ReadString());
                    break;
                case StructValue.Bool:
                    writer.WriteBooleanValue(input.ReadBool());
                    break;
                case StructValue.Struct:
                    writer.WriteStartObject();
                    var fields = input.ReadBytes().CreateCodedInput();
                    uint entry;
                    while ((entry = fields.ReadTag()) != 0)
                    {
                        if (entry != StructValue.Items)
                        {
                            fields.SkipLastField();
                            continue;
                        }
                        WriteEntry(writer, fields.ReadBytes().CreateCodedInput());
                    }
                    writer.WriteEndObject();
                    break;
                case StructValue.List:
                    writer.WriteStartArray();
                    var items = input.ReadBytes().CreateCodedInput();
                    uint item;
                    while ((item = items.ReadTag()) != 0)
                    {
                        if (item == StructValue.Items)
                            WriteValue(writer, items.ReadBytes().CreateCodedInput());
                        else
                            items.SkipLastField();
                    }
                    writer.WriteEndArray();
                    break;
                case StructValue.Null:
                    input.ReadEnum();
                    writer.WriteNullValue();
                    break;
                default:
                    input.SkipLastField();
                    continue;
            }
            written = true;
        }
        // A Value with no kind set (or only unknown fields) is JSON null.
        if (!written)
            writer.WriteNullValue();
    }

    private static void WriteEntry(Utf8JsonWriter writer, CodedInputStream input)
    {
        string key = "";
        ByteString? value = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == HParams.MapKey)
                key = input.ReadString();
            else if (tag == HParams.MapValue)
                value = input.ReadBytes();
            else
                input.SkipLastField();
        }
        writer.WritePropertyName(key);
        if (value is null)
            writer.WriteNullValue();
        else
            WriteValue(writer, value.CreateCodedInput());
    }
}
