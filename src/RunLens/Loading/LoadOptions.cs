namespace RunLens;

/// <summary>How <see cref="Runs.Load(string, LoadOptions?)"/> finds and reads runs.</summary>
public sealed record LoadOptions
{
    /// <summary>The defaults: <see cref="FieldMap.Default"/>.</summary>
    public static LoadOptions Default { get; } = new();

    /// <summary>Which logged names play which role (step, position, total reward, ...); fields keep their names as written.</summary>
    public FieldMap Fields { get; init; } = FieldMap.Default;
}
