using Microsoft.Data.Analysis;

namespace RunLens;

public static partial class DataFrames
{
    /// <summary>
    /// Scanned fields (<c>scan.Fields</c>), one row each: <c>field</c>, <c>sources</c> (the names as logged, joined
    /// with <c>; </c>), <c>count</c> (finite values), <c>non_finite</c>, <c>sum</c>, <c>mean</c>, <c>min</c>,
    /// <c>max</c>, <c>first_step</c>, <c>first</c>, <c>last_step</c>, <c>last</c> (the earliest and latest finite
    /// values), <c>bucket_width</c> and <c>buckets</c>. Exact over every record; null/NaN where a field has no
    /// finite value.
    /// </summary>
    /// <example><code>run.Scan().Fields.ToDataFrame()</code></example>
    public static DataFrame ToDataFrame(this IEnumerable<FieldCurve> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var list = fields.ToList();
        var firsts = list.Select(f => f.Buckets.FirstOrDefault(b => b.Count > 0)).ToList();
        var lasts = list.Select(f => f.Buckets.LastOrDefault(b => b.Count > 0)).ToList();
        return new FrameBuilder()
            .Text("field", list.Select(f => f.Name))
            .Text("sources", list.Select(f => string.Join("; ", f.Sources)))
            .Integers("count", list.Select(f => f.Count))
            .Integers("non_finite", list.Select(f => f.NonFinite))
            .Numbers("sum", list.Select(f => f.Sum))
            .Numbers("mean", list.Select(f => f.Mean))
            .Numbers("min", list.Select(f => f.Min))
            .Numbers("max", list.Select(f => f.Max))
            .Integers("first_step", firsts.Select(b => b.Count > 0 ? b.FirstStep : (long?)null))
            .Numbers("first", firsts.Select(b => b.Count > 0 ? b.First : (double?)null))
            .Integers("last_step", lasts.Select(b => b.Count > 0 ? b.LastStep : (long?)null))
            .Numbers("last", lasts.Select(b => b.Count > 0 ? b.Last : (double?)null))
            .Integers("bucket_width", list.Select(f => f.BucketWidth))
            .Integers("buckets", list.Select(f => (long)f.Buckets.Count))
            .Build();
    }

    /// <summary>
    /// One field's curve, one row per step bucket: <c>field</c>, <c>step_start</c>, <c>step_end</c> (exclusive),
    /// <c>count</c>, <c>non_finite</c>, <c>mean_step</c>, <c>sum</c>, <c>mean</c>, <c>min</c>, <c>max</c>,
    /// <c>first_step</c>, <c>first</c>, <c>last_step</c>, <c>last</c>. The statistics are of the bucket's finite
    /// values, exact; null in a bucket that holds only NaN or infinite values.
    /// </summary>
    /// <example><code>run.Scan().Field("rewards.total")!.ToDataFrame()</code></example>
    public static DataFrame ToDataFrame(this FieldCurve field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Buckets([field]);
    }

    /// <summary>The curves of every field in long form: the rows of <see cref="ToDataFrame(FieldCurve)"/>, field after field.</summary>
    /// <example><code>run.Scan().Fields.ToBucketDataFrame()</code></example>
    public static DataFrame ToBucketDataFrame(this IEnumerable<FieldCurve> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return Buckets(fields.ToList());
    }

    /// <summary>
    /// Sampled rows (<c>scan.Reservoir</c>), one row each: <c>file</c>, <c>offset</c>, <c>ordinal</c>, <c>step</c>,
    /// then one number column per numeric field any row has (in name order) and one text column per text field,
    /// null where a row lacks the field. A field named like a fixed column gets a suffix (<c>step (2)</c>).
    /// </summary>
    /// <example><code>run.Scan().Reservoir.ToDataFrame()</code></example>
    public static DataFrame ToDataFrame(this IEnumerable<RecordRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var builder = new FrameBuilder();
        AddRows(builder, list, withFile: true);
        return builder.Build();
    }

    /// <summary>
    /// Per-file samples (<c>scan.FileSamples</c>): the kept rows of every file, with <c>file</c>,
    /// <c>file_records</c> (valid records in the file) and <c>stride</c>, then the columns of
    /// <see cref="ToDataFrame(IEnumerable{RecordRow})"/> (one per field seen, null where a row lacks it).
    /// </summary>
    /// <example><code>run.Scan().FileSamples.ToDataFrame()</code></example>
    public static DataFrame ToDataFrame(this IEnumerable<FileSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var list = samples.ToList();
        var rows = list.SelectMany(s => s.Rows).ToList();
        var builder = new FrameBuilder()
            .Text("file", rows.Select(r => r.File))
            .Integers("file_records", list.SelectMany(s => s.Rows.Select(_ => s.Records)))
            .Integers("stride", list.SelectMany(s => s.Rows.Select(_ => s.Stride)));
        AddRows(builder, rows, withFile: false);
        return builder.Build();
    }

    private static DataFrame Buckets(IReadOnlyList<FieldCurve> fields)
    {
        var rows = fields.SelectMany(f => f.Buckets.Select(b => (f.Name, Bucket: b))).ToList();
        return new FrameBuilder()
            .Text("field", rows.Select(r => r.Name))
            .Integers("step_start", rows.Select(r => r.Bucket.StepStart))
            .Integers("step_end", rows.Select(r => r.Bucket.StepEnd))
            .Integers("count", rows.Select(r => r.Bucket.Count))
            .Integers("non_finite", rows.Select(r => r.Bucket.NonFinite))
            .Numbers("mean_step", rows.Select(r => Finite(r.Bucket, r.Bucket.MeanStep)))
            .Numbers("sum", rows.Select(r => r.Bucket.Sum))
            .Numbers("mean", rows.Select(r => Finite(r.Bucket, r.Bucket.Mean)))
            .Numbers("min", rows.Select(r => Finite(r.Bucket, r.Bucket.Min)))
            .Numbers("max", rows.Select(r => Finite(r.Bucket, r.Bucket.Max)))
            .Integers("first_step", rows.Select(r => r.Bucket.Count > 0 ? r.Bucket.FirstStep : (long?)null))
            .Numbers("first", rows.Select(r => Finite(r.Bucket, r.Bucket.First)))
            .Integers("last_step", rows.Select(r => r.Bucket.Count > 0 ? r.Bucket.LastStep : (long?)null))
            .Numbers("last", rows.Select(r => Finite(r.Bucket, r.Bucket.Last)))
            .Build();
    }

    // A bucket of only non-finite values has no finite statistics: null, not a placeholder number.
    private static double? Finite(StepBucket bucket, double value) => bucket.Count > 0 ? value : null;

    private static void AddRows(FrameBuilder builder, IReadOnlyList<RecordRow> rows, bool withFile)
    {
        if (withFile)
            builder.Text("file", rows.Select(r => r.File));
        builder.Integers("offset", rows.Select(r => r.Offset))
            .Integers("ordinal", rows.Select(r => r.Ordinal))
            .Integers("step", rows.Select(r => r.Step));
        foreach (var name in rows.SelectMany(r => r.Values.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            builder.Numbers(name, rows.Select(r => r.Values.TryGetValue(name, out var v) ? v : (double?)null));
        foreach (var name in rows.SelectMany(r => r.Text.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            builder.Text(name, rows.Select(r => r.Text.TryGetValue(name, out var v) ? v : null));
    }
}
