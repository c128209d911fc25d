namespace RunLens.Formats.TensorBoard;

/// <summary>
/// The wire tags (field number and wire type) of the TensorBoard protos this reader decodes, from
/// tensorflow/tensorboard: <c>tensorboard/compat/proto/{event, summary, tensor, tensor_shape, types, histogram}.proto</c>,
/// <c>tensorboard/plugins/hparams/{plugin_data, api}.proto</c> and <c>google/protobuf/struct.proto</c>. Only the fields
/// used here are named; everything else is skipped. A tag is <c>(field &lt;&lt; 3) | wire type</c>.
/// </summary>
internal static class TensorBoardProto
{
    private const uint Varint = 0, Fixed64 = 1, Delimited = 2, Fixed32 = 5;

    /// <summary>The field number of a wire tag.</summary>
    public static int FieldOf(uint tag) => (int)(tag >> 3);

    /// <summary>The wire type of a wire tag.</summary>
    public static uint WireTypeOf(uint tag) => tag & 7;

    /// <summary><c>Event</c> (event.proto).</summary>
    public static class Event
    {
        public const uint WallTime = (1 << 3) | Fixed64;        // double wall_time = 1
        public const uint Step = (2 << 3) | Varint;             // int64 step = 2
        public const uint FileVersion = (3 << 3) | Delimited;   // string file_version = 3 (oneof what)
        public const uint Summary = (5 << 3) | Delimited;       // Summary summary = 5 (oneof what)
        public const uint SessionLog = (7 << 3) | Delimited;    // SessionLog session_log = 7 (oneof what)
    }

    /// <summary><c>SessionLog</c> (event.proto).</summary>
    public static class SessionLog
    {
        public const uint Status = (1 << 3) | Varint;           // SessionStatus status = 1
        public const int Start = 1;                             // enum SessionStatus { STATUS_UNSPECIFIED = 0; START = 1; ... }
    }

    /// <summary><c>Summary</c> (summary.proto).</summary>
    public static class Summary
    {
        public const uint Value = (1 << 3) | Delimited;         // repeated Value value = 1
    }

    /// <summary><c>Summary.Value</c> (summary.proto).</summary>
    public static class Value
    {
        public const uint Tag = (1 << 3) | Delimited;           // string tag = 1
        public const uint SimpleValue = (2 << 3) | Fixed32;     // float simple_value = 2 (oneof value)
        public const int OldStyleHistogram = 3;                 // bytes obsolete_old_style_histogram = 3
        public const int Image = 4;                             // Image image = 4
        public const uint Histo = (5 << 3) | Delimited;         // HistogramProto histo = 5
        public const int Audio = 6;                             // Audio audio = 6
        public const uint NodeName = (7 << 3) | Delimited;      // string node_name = 7 (deprecated; TensorBoard's tag when tag is empty)
        public const uint Tensor = (8 << 3) | Delimited;        // TensorProto tensor = 8
        public const uint Metadata = (9 << 3) | Delimited;      // SummaryMetadata metadata = 9
    }

    /// <summary><c>SummaryMetadata</c> and its <c>PluginData</c> (summary.proto).</summary>
    public static class Metadata
    {
        public const uint PluginData = (1 << 3) | Delimited;    // PluginData plugin_data = 1
        public const uint PluginName = (1 << 3) | Delimited;    // PluginData.plugin_name = 1
        public const uint Content = (2 << 3) | Delimited;       // PluginData.content = 2 (bytes)
    }

    /// <summary><c>HistogramProto</c> (histogram.proto).</summary>
    public static class Histogram
    {
        public const uint Min = (1 << 3) | Fixed64;             // double min = 1
        public const uint Max = (2 << 3) | Fixed64;             // double max = 2
        public const uint Num = (3 << 3) | Fixed64;             // double num = 3
        public const uint Sum = (4 << 3) | Fixed64;             // double sum = 4
        public const uint SumSquares = (5 << 3) | Fixed64;      // double sum_squares = 5
    }

    /// <summary><c>TensorProto</c> (tensor.proto); the repeated numeric fields are packed, but unpacked is accepted too.</summary>
    public static class Tensor
    {
        public const uint Dtype = (1 << 3) | Varint;            // DataType dtype = 1
        public const uint Shape = (2 << 3) | Delimited;         // TensorShapeProto tensor_shape = 2
        public const uint Content = (4 << 3) | Delimited;       // bytes tensor_content = 4 (little-endian, by dtype)
        public const int FloatVal = 5;                          // repeated float float_val = 5
        public const int DoubleVal = 6;                         // repeated double double_val = 6
        public const int IntVal = 7;                            // repeated int32 int_val = 7 (int32, int16, uint16, int8, uint8)
        public const uint StringVal = (8 << 3) | Delimited;     // repeated bytes string_val = 8
        public const int Int64Val = 10;                         // repeated int64 int64_val = 10
        public const int BoolVal = 11;                          // repeated bool bool_val = 11
        public const int HalfVal = 13;                          // repeated int32 half_val = 13 (half and bfloat16 bits)
        public const int Uint32Val = 16;                        // repeated uint32 uint32_val = 16
        public const int Uint64Val = 17;                        // repeated uint64 uint64_val = 17
    }

    /// <summary><c>TensorShapeProto</c> (tensor_shape.proto).</summary>
    public static class Shape
    {
        public const uint Dim = (2 << 3) | Delimited;           // repeated Dim dim = 2
        public const uint DimSize = (1 << 3) | Varint;          // Dim.size = 1 (int64)
    }

    /// <summary><c>DataType</c> (types.proto): the element types read as numbers or text.</summary>
    public static class DataType
    {
        public const int Float = 1, Double = 2, Int32 = 3, Uint8 = 4, Int16 = 5, Int8 = 6, String = 7, Int64 = 9,
            Bool = 10, Bfloat16 = 14, Uint16 = 17, Half = 19, Uint32 = 22, Uint64 = 23;
    }

    /// <summary>
    /// <c>HParamsPluginData</c>, <c>SessionStartInfo</c>, <c>SessionEndInfo</c> (plugins/hparams/plugin_data.proto),
    /// <c>Experiment</c>, <c>MetricInfo</c>, <c>MetricName</c> (plugins/hparams/api.proto).
    /// </summary>
    public static class HParams
    {
        public const uint Experiment = (2 << 3) | Delimited;        // HParamsPluginData.experiment = 2 (oneof data)
        public const uint SessionStartInfo = (3 << 3) | Delimited;  // HParamsPluginData.session_start_info = 3
        public const uint SessionEndInfo = (4 << 3) | Delimited;    // HParamsPluginData.session_end_info = 4
        public const uint StartHParams = (1 << 3) | Delimited;      // SessionStartInfo: map<string, google.protobuf.Value> hparams = 1
        public const uint StartGroupName = (4 << 3) | Delimited;    // SessionStartInfo.group_name = 4
        public const uint EndStatus = (1 << 3) | Varint;            // SessionEndInfo: Status status = 1
        public const uint ExperimentMetricInfos = (5 << 3) | Delimited; // Experiment: repeated MetricInfo metric_infos = 5
        public const uint MetricInfoName = (1 << 3) | Delimited;    // MetricInfo: MetricName name = 1
        public const uint MetricGroup = (1 << 3) | Delimited;       // MetricName.group = 1
        public const uint MetricTag = (2 << 3) | Delimited;         // MetricName.tag = 2
        public const uint MapKey = (1 << 3) | Delimited;            // map entry: key = 1
        public const uint MapValue = (2 << 3) | Delimited;          // map entry: value = 2
        public const int StatusSuccess = 1, StatusFailure = 2, StatusRunning = 3; // enum Status (api.proto)
    }

    /// <summary><c>google.protobuf.Value</c>, <c>Struct</c> and <c>ListValue</c> (google/protobuf/struct.proto).</summary>
    public static class StructValue
    {
        public const uint Null = (1 << 3) | Varint;             // NullValue null_value = 1 (oneof kind)
        public const uint Number = (2 << 3) | Fixed64;          // double number_value = 2
        public const uint String = (3 << 3) | Delimited;        // string string_value = 3
        public const uint Bool = (4 << 3) | Varint;             // bool bool_value = 4
        public const uint Struct = (5 << 3) | Delimited;        // Struct struct_value = 5 (Struct: map<string, Value> fields = 1)
        public const uint List = (6 << 3) | Delimited;          // ListValue list_value = 6 (ListValue: repeated Value values = 1)
        public const uint Items = (1 << 3) | Delimited;         // Struct.fields = 1, ListValue.values = 1
    }
}
