using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Sb3;

/// <summary>
/// The records of an SB3 <c>evaluations.npz</c>: one per evaluation, at step <c>timesteps[i]</c>, with the fields
/// SB3's <c>EvalCallback</c> logs from the same numbers: <c>eval/mean_reward</c> (<c>np.mean</c> of the
/// evaluation's returns), <c>eval/mean_ep_length</c>, <c>eval/success_rate</c> (when the file has successes), and
/// <c>eval/std_reward</c>, which SB3 prints but does not log: the population standard deviation (<c>np.std</c>,
/// ddof 0), as SB3 prints it. The file is small (a few numbers per evaluation) and rewritten whole by SB3, so it
/// is read at once.
/// </summary>
internal sealed class EvaluationsRecordReader : IRecordReader
{
    private readonly Sb3Evaluations? _evaluations;
    private readonly long _length;
    private readonly int _meanReward;
    private readonly int _stdReward;
    private readonly int _meanLength;
    private readonly int _successRate;
    private int _next;

    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public EvaluationsRecordReader(RunFile file, FieldTable fields, ScanIssues issues)
    {
        var found = new List<LoadIssue>();
        _evaluations = Sb3Evaluations.Read(file.Path, found, out var skipped);
        foreach (var issue in found)
            issues.Add(issue, null);
        if (_evaluations is null)
            issues.Count("unreadable file");
        for (var i = 0; i < skipped; i++)
            issues.Count("evaluation without all its arrays");
        _length = new FileInfo(file.Path).Length;
        _meanReward = fields.FlatField(Sb3Evaluations.MeanReward);
        _stdReward = fields.FlatField(Sb3Evaluations.StdReward);
        _meanLength = fields.FlatField(Sb3Evaluations.MeanEpLength);
        _successRate = fields.FlatField(Sb3Evaluations.SuccessRate);
    }

    /// <summary>The whole file is read when the reader opens.</summary>
    public long DiskPosition => _length;

    public bool Read(RecordBuffer record, bool wantText)
    {
        if (_evaluations is null || _next >= _evaluations.Count)
            return false;
        Fill(record, _next++, wantText);
        return true;
    }

    public bool ReadLastRecord(RecordBuffer record)
    {
        if (_evaluations is null || _evaluations.Count == 0)
            return false;
        Fill(record, _evaluations.Count - 1, wantText: true);
        return true;
    }

    public void Dispose()
    {
    }

    private void Fill(RecordBuffer record, int i, bool wantText)
    {
        var e = _evaluations!;
        record.Begin(e.Results.OffsetOfRow(i), wantText);
        record.SetStep(e.Step(i));
        var (mean, std) = e.Rewards(i);
        record.Add(_meanReward, mean);
        record.Add(_stdReward, std);
        if (e.Lengths is not null)
            record.Add(_meanLength, e.MeanLength(i));
        if (e.Success(i) is { } rate)
            record.Add(_successRate, rate);
    }
}
