using RunLens.Fields;

namespace RunLens.Loading;

// What a mirror file is read as once checked: nothing, or its records without the metrics left out.
internal sealed partial class Mirrors
{
    /// <summary>A mirror every metric of which is verified: it gives no records.</summary>
    private sealed class NoRecords : IRecordReader
    {
        public long DiskPosition => 0;

        /// <summary>None: the scan does not read it (the check did, once).</summary>
        public int FilesRead => 0;

        public bool Read(RecordBuffer record, bool wantText) => false;

        public bool ReadLastRecord(RecordBuffer record) => false;

        public void Dispose()
        {
        }
    }

    /// <summary>
    /// A mirror's records without its verified metrics. Each record keeps its step (given explicitly, as the step
    /// field itself may be one of the metrics left out); a record left with no field is not given.
    /// </summary>
    private sealed class WithoutFields(IRecordReader inner, FieldTable fields, HashSet<string> without) : IRecordReader
    {
        private readonly RecordBuffer _buffer = new();
        private bool[] _skip = [];
        private long _ordinal;

        public long DiskPosition => inner.DiskPosition;

        public int FilesRead => inner.FilesRead;

        public int Restarts => inner.Restarts;

        public void Dispose() => inner.Dispose();

        public bool Read(RecordBuffer record, bool wantText)
        {
            while (inner.Read(_buffer, wantText))
            {
                if (Copy(record, wantText, _ordinal++))
                    return true;
            }
            return false;
        }

        public bool ReadLastRecord(RecordBuffer record) => inner.ReadLastRecord(_buffer) && Copy(record, wantText: true, _ordinal - 1);

        private bool Copy(RecordBuffer record, bool wantText, long ordinal)
        {
            var step = _buffer.StepOf(fields, ordinal, out var hadStep);
            record.Begin(_buffer.Offset, wantText);
            var ids = _buffer.Fields;
            var values = _buffer.Values;
            for (var i = 0; i < ids.Length; i++)
            {
                if (!Skip(ids[i]))
                    record.Add(ids[i], values[i]);
            }
            var texts = 0;
            if (wantText)
            {
                foreach (var (field, text) in _buffer.Texts)
                {
                    if (!Skip(field))
                    {
                        record.AddText(field, text);
                        texts++;
                    }
                }
            }
            // A record all of whose fields are verified mirrors is not given; one that had none (text only, asked
            // without text) is given as it came, as the scan counts it.
            if (record.Count == 0 && texts == 0 && ids.Length > 0)
                return false;
            if (hadStep)
                record.SetStep(step);
            record.WallTime = _buffer.WallTime;
            return true;
        }

        private bool Skip(int id)
        {
            if (id >= _skip.Length)
            {
                var known = _skip.Length;
                Array.Resize(ref _skip, fields.FieldCount);
                for (var i = known; i < _skip.Length; i++)
                    _skip[i] = without.Contains(fields.Names[i]);
            }
            return _skip[id];
        }
    }
}
