using Google.Protobuf;

namespace RunLens.Formats.TensorBoard;

/// <summary>What the light pass looks for in an event file (<see cref="LightMarker"/>).</summary>
internal enum LightMark : byte
{
    /// <summary>A <c>file_version</c> event.</summary>
    Version,

    /// <summary>A SessionLog START (it cuts when the run's file version is 2 or more, under EventAccumulator's rule).</summary>
    Start,

    /// <summary>The first summary event after the file's start or after a file version.</summary>
    Summary,
}

/// <summary>One event the light pass acts on: its offset, what it is, the file version or the step it carries.</summary>
internal readonly record struct LightMarker(long Offset, LightMark Mark, double Version, long Step);

/// <summary>
/// What the light pass finds in one event file, without decoding its summaries: the file versions, the SessionLog
/// STARTs, where summaries follow a file version, and the highest step of its events. Whether a START cuts depends on
/// the file version of the run's earlier files, so the run reads the files' marks in order
/// (<see cref="TensorBoardRunFiles"/>). A followed file's reader keeps the same facts as it reads, so a live scan
/// does not pass over a file it follows again (<see cref="FileSurvey.Light"/>).
/// </summary>
/// <param name="Length">The bytes the facts cover (to the end of the last whole record).</param>
/// <param name="Markers">The marks, in file order.</param>
/// <param name="MaxStep">The highest step of the file's events, <see cref="long.MinValue"/> when it has none.</param>
internal sealed record LightFile(long Length, LightMarker[] Markers, long MaxStep)
{
    /// <summary>
    /// Reads the frames and the events' top-level fields, and decodes only the rare events that are not plain summaries
    /// (file versions, session logs, anything else). Only those have their data checksum checked here: the reader checks
    /// every record it reads, and a plain summary event only marks where summaries are.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public static LightFile Read(string path)
    {
        var markers = new List<LightMarker>();
        var decoder = new EventDecoder(new TagTable());
        var maxStep = long.MinValue;
        var summaryInSegment = false;
        long end = 0;
        using var frames = new TfRecordFrames(path, issues: null, checkData: false);
        while (frames.Next(out var offset, out var start, out var length))
        {
            end = offset + TfRecordFrames.HeaderBytes + length + TfRecordFrames.FooterBytes;
            var shape = EventDecoder.TopLevelShape(frames.Buffer.AsSpan(start, length), out var step);
            var summary = shape == EventShape.Summary;
            if (shape == EventShape.Other)
            {
                if (!frames.DataHolds(start, length) || !TryDecode(decoder, frames.Buffer, start, length))
                    continue;
                step = decoder.Step;
                if (decoder.FileVersion is { } version)
                {
                    markers.Add(new LightMarker(offset, LightMark.Version, TensorBoardRunFiles.ParseFileVersion(version), 0));
                    summaryInSegment = false;
                }
                if (decoder.SessionStatus == TensorBoardProto.SessionLog.Start)
                    markers.Add(new LightMarker(offset, LightMark.Start, 0, step));
                summary = decoder.HasSummary;
            }
            maxStep = Math.Max(maxStep, step);
            if (summary && !summaryInSegment)
            {
                summaryInSegment = true;
                markers.Add(new LightMarker(offset, LightMark.Summary, 0, 0));
            }
        }
        return new LightFile(end, [.. markers], maxStep);
    }

    private static bool TryDecode(EventDecoder decoder, byte[] buffer, int start, int length)
    {
        try
        {
            decoder.Decode(buffer, start, length, wantText: false);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }
}
