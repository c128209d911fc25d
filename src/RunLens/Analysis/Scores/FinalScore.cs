using System.Globalization;

namespace RunLens;

/// <summary>One run's final score: the mean of its last values of a metric (or of its last episodes' returns).</summary>
/// <param name="Run">The run's name.</param>
/// <param name="Group">The run's group (variant or <c>name=value</c> of a hyperparameter).</param>
/// <param name="Score">The mean of the finite values in the window.</param>
public sealed record FinalScore(string Run, string Group, double Score)
{
    /// <summary>How many values the mean is over.</summary>
    public int Points { get; init; }

    /// <summary>The first step of the window's values (for episodes: the first episode's training step, when known).</summary>
    public long? FirstStep { get; init; }

    /// <summary>The last step of the window's values.</summary>
    public long? LastStep { get; init; }

    /// <summary>The run's hyperparameters, for sweep tables.</summary>
    public IReadOnlyDictionary<string, ConfigValue> Config { get; init; } = new Dictionary<string, ConfigValue>();

    /// <summary>The run's seed, when known.</summary>
    public long? Seed { get; init; }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Run} ({Group}): {Score:G6} over {Points} values") + (FirstStep is { } f && LastStep is { } l ? string.Create(CultureInfo.InvariantCulture, $", steps {f:N0}-{l:N0}") : "");
}
