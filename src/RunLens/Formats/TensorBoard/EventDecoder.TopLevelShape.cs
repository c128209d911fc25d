namespace RunLens.Formats.TensorBoard;

/// <summary>What an event's top-level fields are, as far as the light pass of a run needs (<see cref="EventDecoder.TopLevelShape"/>).</summary>
internal enum EventShape : byte
{
    /// <summary>Only <c>wall_time</c> and <c>step</c> fields (or none).</summary>
    Plain,

    /// <summary>Only <c>wall_time</c>, <c>step</c> and at least one <c>summary</c>, whose contents are not looked at.</summary>
    Summary,

    /// <summary>Anything else: another field, or bytes that do not frame as those fields. Decode it.</summary>
    Other,
}

internal sealed partial class EventDecoder
{
    /// <summary>
    /// Walks the event's top-level fields without decoding a summary: what a log of scalars (a wall time, a step and a
    /// summary per event) needs from the pass that only looks for file versions and session logs. <paramref name="step"/>
    /// is the event's step (0 when it has none, as in the proto), for the highest step of a file.
    /// </summary>
    public static EventShape TopLevelShape(ReadOnlySpan<byte> data, out long step)
    {
        var shape = EventShape.Plain;
        step = 0;
        var p = 0;
        while (p < data.Length)
        {
            switch (data[p++])
            {
                case WallTimeTag:
                    if (data.Length - p < 8)
                        return EventShape.Other;
                    p += 8;
                    break;
                case StepTag:
                    if (!TryVarint(data, ref p, out var raw))
                        return EventShape.Other;
                    step = (long)raw;
                    break;
                case SummaryTag:
                    if (!TryDelimited(data, ref p, out _))
                        return EventShape.Other;
                    shape = EventShape.Summary;
                    break;
                default:
                    return EventShape.Other;
            }
        }
        return shape;
    }
}
