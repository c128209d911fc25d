namespace RunLens.Formats.TensorBoard;

/// <summary>What one <c>Summary.Value</c> holds, as far as RunLens reads it.</summary>
internal enum ValueKind : byte
{
    /// <summary>No value (a metadata-only value of an unknown plugin).</summary>
    None,

    /// <summary>A number: <c>simple_value</c>, or a one-element numeric tensor.</summary>
    Scalar,

    /// <summary>A <c>HistogramProto</c>, or a <c>[k, 3]</c> tensor of the <c>histograms</c> plugin.</summary>
    Histogram,

    /// <summary>A string tensor of the <c>text</c> plugin.</summary>
    Text,

    /// <summary>An image (<c>Summary.Image</c> or the <c>images</c> plugin): not loaded.</summary>
    Image,

    /// <summary>Audio (<c>Summary.Audio</c> or the <c>audio</c> plugin): not loaded.</summary>
    Audio,

    /// <summary>An hparams-plugin summary: read at discovery, not a data value.</summary>
    HParams,

    /// <summary>Anything else (other plugins, non-scalar tensors, old-style histograms): not loaded.</summary>
    Other,
}

/// <summary>One decoded <c>Summary.Value</c>. Reused across events: read it before the next decode.</summary>
internal struct DecodedValue
{
    public TagInfo Tag;
    public ValueKind Kind;
    public double Number;
    public HistogramStats Histogram;
    public string? Text;

    /// <summary>The plugin content of this value's own metadata (hparams), as a span of the decoder's buffer.</summary>
    public int ContentStart, ContentLength;
}

/// <summary>
/// The five numbers a histogram is summarised by. From a <c>HistogramProto</c> they are exact: count = <c>num</c>,
/// mean = <c>sum / num</c>, min and max as stored, std = sqrt(max(0, <c>sum_squares / num</c> - mean²)) (population
/// standard deviation). From the <c>histograms</c> plugin's <c>[k, 3]</c> tensor of (left edge, right edge, count)
/// buckets they are estimates: count = the sum of bucket counts, mean and std weight each bucket's midpoint by its
/// count, min = the left edge of the first non-empty bucket, max = the right edge of the last non-empty bucket.
/// </summary>
internal readonly record struct HistogramStats(double Count, double Mean, double Min, double Max, double Std);
