namespace RunLens;

/// <summary>What a log writer does with NaN and infinite numbers, which JSON cannot express.</summary>
public enum NonFiniteHandling
{
    /// <summary>Refuse them with an <see cref="ArgumentException"/>; nothing of the record is written.</summary>
    Throw,

    /// <summary>
    /// Write the bare tokens <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> as Python's <c>json</c> module does.
    /// The output is then not strict JSON: use it to reproduce Python logs.
    /// </summary>
    PythonLiterals,
}
