using RunLens.Loading;

namespace RunLens.Formats.Mlflow;

/// <summary>
/// One MLflow metric point (key, value, timestamp, step), from a file store's metric line or a SQLite row, kept so
/// the last one can be read again. Both stores give a record the same way: one field, the step, the wall time.
/// </summary>
/// <param name="Position">Where it is: the line's byte offset in a metric file, the row number in the database.</param>
/// <param name="Field">The field id of the metric key.</param>
/// <param name="Step">MLflow's step.</param>
/// <param name="Value">The value.</param>
/// <param name="WallTime">The timestamp, in seconds (MLflow stores milliseconds).</param>
internal readonly record struct MlflowPoint(long Position, int Field, long Step, double Value, double WallTime)
{
    /// <summary>Makes this point the record in <paramref name="record"/>.</summary>
    public void WriteTo(RecordBuffer record, bool wantText)
    {
        record.Begin(Position, wantText);
        record.Add(Field, Value);
        record.SetStep(Step);
        record.WallTime = WallTime;
    }
}

/// <summary>
/// Gives MLflow points as records and keeps the last one given, so a reader's
/// <see cref="IRecordReader.ReadLastRecord"/> can give it again: the same for the file store and the SQLite store.
/// </summary>
internal sealed class MlflowEmitter
{
    private MlflowPoint? _last;

    /// <summary>Makes <paramref name="point"/> the record and remembers it; true, so a reader can return it.</summary>
    public bool Emit(RecordBuffer record, bool wantText, MlflowPoint point)
    {
        point.WriteTo(record, wantText);
        _last = point;
        return true;
    }

    /// <summary>Makes the last point given the record again (with its text); false when none was given.</summary>
    public bool EmitLast(RecordBuffer record)
    {
        if (_last is not { } point)
            return false;
        point.WriteTo(record, wantText: true);
        return true;
    }
}
