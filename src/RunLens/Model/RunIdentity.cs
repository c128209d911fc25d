namespace RunLens;

/// <summary>Where one part of a run's identity (its variant or its seed) came from.</summary>
public enum IdentitySource
{
    /// <summary>Nowhere: the run has none.</summary>
    None,

    /// <summary>
    /// The tool's own record of the run: an MLflow experiment, a Ray Tune experiment, RL Baselines3 Zoo's
    /// <c>args.yml</c> and folders.
    /// </summary>
    Tool,

    /// <summary>The run's configuration file (a <c>seed</c> value).</summary>
    Config,

    /// <summary>A guess from the run's folder names, following a common layout (see <see cref="RunIdentity.Layout"/>).</summary>
    Folders,

    /// <summary>The layout pattern given to the loader (<see cref="LoadOptions.Layout"/>).</summary>
    Pattern,
}

/// <summary>
/// Where a run's <see cref="RunInfo.Variant"/> and <see cref="RunInfo.Seed"/> came from, so a grouping can be
/// trusted or corrected: a guess from folder names (<see cref="IdentitySource.Folders"/>) is also written in the
/// run's <see cref="RunInfo.Notes"/>, and <see cref="LoadOptions.Layout"/> overrides it.
/// </summary>
/// <param name="Variant">Where the variant came from.</param>
/// <param name="Seed">Where the seed came from.</param>
/// <param name="Layout">The folder layout that was recognised (<c>&lt;variant&gt;/seed&lt;k&gt;</c>,
/// <c>&lt;algo&gt;/&lt;env&gt;_&lt;k&gt;</c>) or the pattern that was given (<c>{algo}/{env}_seed{seed}</c>), if any.</param>
public sealed record RunIdentity(IdentitySource Variant, IdentitySource Seed, string? Layout)
{
    /// <summary>No variant and no seed.</summary>
    public static RunIdentity Unknown { get; } = new(IdentitySource.None, IdentitySource.None, null);

    /// <inheritdoc />
    public override string ToString() =>
        $"variant: {Describe(Variant)}; seed: {Describe(Seed)}";

    private string Describe(IdentitySource source) => source switch
    {
        IdentitySource.Tool => "the tool's record",
        IdentitySource.Config => "the config",
        IdentitySource.Folders => $"the folder layout {Layout}",
        IdentitySource.Pattern => $"the layout pattern '{Layout}'",
        _ => "none",
    };
}
