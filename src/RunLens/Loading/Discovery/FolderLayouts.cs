using System.Globalization;
using System.Text.RegularExpressions;

namespace RunLens.Loading.Discovery;

/// <summary>
/// The guess of a run's variant and seed from its folder's name and its parent's, following the layouts training
/// scripts commonly write. The first layout that fits wins:
/// <list type="number">
/// <item><c>&lt;variant&gt;/&lt;timestamp&gt;</c> (<c>experiments/v4/20250726_130714</c>);</item>
/// <item><c>&lt;variant&gt;/seed&lt;k&gt;</c>, also <c>seed_&lt;k&gt;</c>, <c>seed-&lt;k&gt;</c>, <c>seed=&lt;k&gt;</c>;</item>
/// <item><c>&lt;variant&gt;/&lt;k&gt;</c>: a folder of up to six digits is a seed;</item>
/// <item><c>&lt;name&gt;_seed&lt;k&gt;</c> (<c>CartPole-v1_seed0</c>); under an algorithm folder (<c>ppo/</c>) the
/// variant is <c>&lt;algo&gt;/&lt;name&gt;</c>;</item>
/// <item>SB3's <c>PPO_&lt;k&gt;</c> TensorBoard folders: <c>k</c> is SB3's run number, not a seed, and says nothing
/// of the variant;</item>
/// <item>RL Baselines3 Zoo's <c>&lt;algo&gt;/&lt;env&gt;_&lt;k&gt;</c> (the name must be a Gym id such as
/// <c>CartPole-v1</c> or the folder above an algorithm's name): variant <c>&lt;algo&gt;/&lt;env&gt;</c>;
/// <c>k</c> is the zoo's run number, not a seed;</item>
/// <item><c>&lt;env&gt;-&lt;seed&gt;</c> where the env is a Gym id (<c>Hopper-v4-3</c>);</item>
/// <item>hyperparameter-named folders, <c>lr=3e-4,batch=64</c>: the values become config values (numbers when
/// they read as numbers) and the folder, less a <c>seed=k</c> part, is the variant.</item>
/// </list>
/// A hyperparameter-named variant folder (<c>lr=3e-4,batch=64/seed1</c>) also gives its values.
/// </summary>
internal static partial class FolderLayouts
{
    /// <summary>Algorithm folder names (lower case) that SB3, the zoo, CleanRL and RLlib users write.</summary>
    private static readonly HashSet<string> Algorithms = new(StringComparer.OrdinalIgnoreCase)
    {
        "a2c", "acer", "acktr", "apex", "appo", "ars", "c51", "crossq", "ddpg", "ddppo", "dqn", "droq", "her", "impala",
        "iqn", "ppg", "ppo", "ppo2", "ppo_lstm", "qrdqn", "r2d2", "rainbow", "recurrentppo", "redq", "sac", "td3", "tqc", "trpo",
    };

    [GeneratedRegex(@"^(\d{8}[_-]?\d{6}|\d{4}-\d{2}-\d{2}[_T-]\d{2}[-:.]?\d{2}[-:.]?\d{2})", RegexOptions.CultureInvariant)]
    internal static partial Regex TimestampPattern();

    [GeneratedRegex(@"^seed(?<sep>[_=\-]?)(?<k>\d{1,9})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SeedFolder();

    [GeneratedRegex(@"^\d{1,6}$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberFolder();

    [GeneratedRegex(@"^(?<name>.+?)[_\-]seed[_=\-]?(?<k>\d{1,9})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NamedSeedFolder();

    [GeneratedRegex(@"^(?<algo>[A-Z][A-Za-z0-9]*)_(?<k>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Sb3TensorBoardFolder();

    [GeneratedRegex(@"^(?<env>.+)_(?<k>\d{1,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex ZooFolder();

    [GeneratedRegex(@"^(?<env>.+-v\d+)-(?<k>\d{1,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvSeedFolder();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.:]*(-[A-Za-z0-9_.:]+)*-v\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex GymId();

    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_.\-]*)=(?<value>[^=,]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Assignment();

    /// <summary>The old, looser seed rule (<c>seed3</c> or <c>_s3</c> anywhere in the path): a seed, no variant.</summary>
    [GeneratedRegex(@"(?:^|[_\-/.])(?<word>seed|s)[_=\-]?(?<k>\d{1,9})(?=$|[_\-/.])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SeedAnywhere();

    /// <summary>
    /// The guess for a run's folder: the layouts above on its name and its parent's; else on its parent's name and
    /// the grandparent's, for a run in a subfolder of another's (<c>ppo/CartPole-v1_seed0/eval</c>; a bare number is
    /// not taken for a seed there); else a seed only, from <c>seed3</c> or <c>_s3</c> anywhere in its path.
    /// </summary>
    /// <param name="dir">The run's folder.</param>
    /// <param name="path">Its path from the loaded folder.</param>
    public static LayoutGuess? Guess(DirectoryInfo dir, string path)
    {
        if (Guess(dir.Name, dir.Parent?.Name, numbers: true) is { } own)
            return own;
        if (dir.Parent is { } parent && Guess(parent.Name, parent.Parent?.Name, numbers: false) is { Variant: not null } above)
            return above with { Layout = above.Layout + "/" + dir.Name };
        if (SeedAnywhere().Match(path) is { Success: true } anywhere)
            return new LayoutGuess(null, Number(anywhere), $"'{anywhere.Value.TrimStart('_', '-', '/', '.')}' in the folder path") { Loose = true };
        return null;
    }

    private static LayoutGuess? Guess(string leaf, string? parent, bool numbers)
    {
        if (TimestampPattern().Match(leaf) is { Success: true } timestamp)
        {
            // experiments/v4/20250801_090000_s7: the rest of the name may hold the seed.
            var rest = SeedAnywhere().Match(leaf[timestamp.Length..]);
            return parent is null ? null : FromVariantFolder(parent, rest.Success ? Number(rest) : null, "<variant>/<timestamp>");
        }
        if (SeedFolder().Match(leaf) is { Success: true } seedFolder)
        {
            var layout = $"<variant>/seed{seedFolder.Groups["sep"].Value}<k>";
            return parent is null ? null : FromVariantFolder(parent, Number(seedFolder), layout);
        }
        if (numbers && NumberFolder().IsMatch(leaf))
            return parent is null ? null : FromVariantFolder(parent, long.Parse(leaf, CultureInfo.InvariantCulture), "<variant>/<seed>");
        if (NamedSeedFolder().Match(leaf) is { Success: true } named && !named.Groups["name"].Value.Contains('='))
        {
            var name = named.Groups["name"].Value;
            return IsAlgorithm(parent)
                ? new LayoutGuess(parent + "/" + name, Number(named), "<algo>/<env>_seed<k>") { Tags = Tags(parent!, name) }
                : new LayoutGuess(name, Number(named), "<variant>_seed<k>");
        }
        if (Sb3TensorBoardFolder().Match(leaf) is { Success: true } sb3 && !GymId().IsMatch(sb3.Groups["algo"].Value))
        {
            return new LayoutGuess(null, null, "<tb_log_name>_<k>")
            {
                Remark = $"{sb3.Groups["k"].Value} in '{leaf}' is SB3's run number (tensorboard_log numbering), not a seed",
            };
        }
        if (ZooFolder().Match(leaf) is { Success: true } zoo && (GymId().IsMatch(zoo.Groups["env"].Value) || IsAlgorithm(parent)))
        {
            var env = zoo.Groups["env"].Value;
            var remark = $"{zoo.Groups["k"].Value} in '{leaf}' is the zoo's run number, not a seed";
            return IsAlgorithm(parent)
                ? new LayoutGuess(parent + "/" + env, null, "<algo>/<env>_<k>") { Remark = remark, Tags = Tags(parent!, env) }
                : new LayoutGuess(env, null, "<env>_<k>") { Remark = remark, Tags = Tags(null, env) };
        }
        if (EnvSeedFolder().Match(leaf) is { Success: true } envSeed && GymId().IsMatch(envSeed.Groups["env"].Value))
            return new LayoutGuess(envSeed.Groups["env"].Value, Number(envSeed), "<env>-<seed>") { Tags = Tags(null, envSeed.Groups["env"].Value) };
        if (Hyperparameters(leaf) is { } values)
        {
            var seed = values.FirstOrDefault(v => v.Key.Equals("seed", StringComparison.OrdinalIgnoreCase));
            var rest = values.Where(v => !ReferenceEquals(v.Key, seed.Key)).ToList();
            long? seedValue = seed.Key is not null && seed.Value.Number is { } n && n == Math.Floor(n) && n >= 0 ? (long)n : null;
            var variant = seedValue is null ? leaf : string.Join(",", rest.Select(v => v.Key + "=" + v.Text));
            return new LayoutGuess(variant.Length > 0 ? variant : null, seedValue, "<name>=<value>,...")
            {
                Config = (seedValue is null ? values : rest).Select(v => KeyValuePair.Create(v.Key, v.Value)).ToList(),
            };
        }
        return null;
    }

    private static long Number(Match match) => long.Parse(match.Groups["k"].Value, CultureInfo.InvariantCulture);

    private static bool IsAlgorithm(string? folder) => folder is not null && Algorithms.Contains(folder);

    private static List<KeyValuePair<string, string>> Tags(string? algo, string env) =>
        algo is null ? [KeyValuePair.Create("env", env)] : [KeyValuePair.Create("algo", algo), KeyValuePair.Create("env", env)];

    /// <summary>The variant is the parent folder; a hyperparameter-named one also gives its values.</summary>
    private static LayoutGuess FromVariantFolder(string parent, long? seed, string layout) =>
        new(parent, seed, layout)
        {
            Config = Hyperparameters(parent)?.Select(v => KeyValuePair.Create(v.Key, v.Value)).ToList() ?? [],
        };

    /// <summary>The <c>key=value</c> pairs of a folder named only by them (comma-separated), or null.</summary>
    internal static List<(string Key, string Text, ConfigValue Value)>? Hyperparameters(string folder)
    {
        if (!folder.Contains('=', StringComparison.Ordinal))
            return null;
        var values = new List<(string, string, ConfigValue)>();
        foreach (var part in folder.Split(','))
        {
            if (Assignment().Match(part) is not { Success: true } m)
                return null;
            values.Add((m.Groups["key"].Value, m.Groups["value"].Value, Typed(m.Groups["value"].Value)));
        }
        return values.Select(v => v.Item1).Distinct(StringComparer.Ordinal).Count() == values.Count ? values : null;
    }

    /// <summary>A value from a folder name: a number when it reads as one (<c>3e-4</c>), a boolean, else text.</summary>
    internal static ConfigValue Typed(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return ConfigValue.Of(number);
        if (bool.TryParse(text, out var boolean))
            return ConfigValue.Of(boolean);
        return ConfigValue.Of(text);
    }
}

/// <summary>What a folder layout says of a run.</summary>
/// <param name="Variant">The variant, if the layout gives one.</param>
/// <param name="Seed">The seed, if the layout gives one.</param>
/// <param name="Layout">The layout, for the run's notes (<c>&lt;variant&gt;/seed&lt;k&gt;</c>).</param>
internal sealed record LayoutGuess(string? Variant, long? Seed, string Layout)
{
    /// <summary>Config values the folder names give (hyperparameter-named folders).</summary>
    public IReadOnlyList<KeyValuePair<string, ConfigValue>> Config { get; init; } = [];

    /// <summary>Tags the folder names give (<c>algo</c>, <c>env</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    /// <summary>What a number in the name is not (a run number rather than a seed), for the notes.</summary>
    public string? Remark { get; init; }

    /// <summary>True for a seed found in the path without a known layout: <see cref="Layout"/> says where.</summary>
    public bool Loose { get; init; }
}
