using System.Globalization;
using System.Text.RegularExpressions;

namespace RunLens.Formats.RayTune;

/// <summary>
/// What a Ray Tune trial folder's name says. Tune names trial folders
/// <c>&lt;Trainable&gt;_&lt;env&gt;_[&lt;trial id&gt;_]&lt;index&gt;[_&lt;k=v,k=v&gt;]_&lt;date&gt;[&lt;random&gt;]</c>
/// (<c>IMPALA_PongNoFrameskip-v4_0_2018-11-10_00-17-220NYeDg</c>,
/// <c>APEX_BeamRiderNoFrameskip-v4_c6dc5c84_1_env=BeamRiderNoFrameskip-v4_2020-01-31_13-29-59bkbob73s</c>); published
/// result sets renumber them (<c>01_SAC_HalfCheetah-v3_learning_starts=10003,use_pytorch=True_2020-04-21</c>). The
/// <c>k=v</c> part is Tune's experiment tag: the swept values, each key the last part of its config path and each
/// value cleaned for file names (floats to 4 decimals, other characters than letters, digits, '_' and '-' to '_'),
/// so they are a lossy fallback for when no <c>params.json</c> or experiment state gives the real config.
/// </summary>
/// <param name="Trainable">The trainable (algorithm) name, such as <c>PPO</c>, when the name shows it.</param>
/// <param name="Env">The environment id, when a part of the name looks like one (<c>HalfCheetah-v3</c>).</param>
/// <param name="Vars">The swept values of the experiment tag, in name order, typed (numbers, booleans, text).</param>
/// <param name="Date">The date (and time) part, such as <c>2018-11-10_00-17-22</c>.</param>
internal sealed partial record RayTrialName(
    string? Trainable, string? Env, IReadOnlyList<KeyValuePair<string, ConfigValue>> Vars, string Date)
{
    // The date Tune appends, then (Ray before 2.0) the random suffix of a temporary folder name.
    [GeneratedRegex(@"^(?<head>.+?)_(?<date>\d{4}-\d{2}-\d{2}(?:_\d{2}-\d{2}-\d{2})?)[A-Za-z0-9_]{0,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9.:]*-v\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvIdPattern();

    /// <summary>
    /// The parts of a trial folder name, or null when the name does not end with Tune's date or has no trial index.
    /// </summary>
    public static RayTrialName? Parse(string name)
    {
        var match = NamePattern().Match(name);
        if (!match.Success)
            return null;
        var head = match.Groups["head"].Value;
        var date = match.Groups["date"].Value;
        var equals = head.IndexOf('=', StringComparison.Ordinal);
        var identity = head;
        var tag = "";
        if (equals >= 0)
        {
            // The first key starts after the last part that is the trial index or the env id: keys may hold '_'
            // themselves (learning_starts), so the name cannot simply be split at '_'.
            var parts = head[..equals].Split('_');
            var keyStart = parts.Length - 1;
            for (var i = parts.Length - 2; i >= 0; i--)
            {
                if (IsIndex(parts[i]) || EnvIdPattern().IsMatch(parts[i]))
                {
                    keyStart = i + 1;
                    break;
                }
            }
            identity = string.Join('_', parts[..keyStart]);
            tag = head[(identity.Length == 0 ? 0 : identity.Length + 1)..];
        }
        // Tune's names always hold the trial's index (published sets put it first): "run_2020-01-01" is not one.
        if (!identity.Split('_').Any(IsIndex))
            return null;
        var (trainable, env) = Identity(identity);
        return new RayTrialName(trainable, env, ParseTag(tag), date);
    }

    /// <summary>Parses <c>k=v,k=v</c> (a stray trailing comma, as in <c>use_pytorch=False,</c>, is ignored).</summary>
    public static List<KeyValuePair<string, ConfigValue>> ParseTag(string tag)
    {
        var vars = new List<KeyValuePair<string, ConfigValue>>();
        foreach (var part in tag.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                continue;
            vars.Add(new(part[..equals], Typed(part[(equals + 1)..])));
        }
        return vars;
    }

    /// <summary>A value as Python printed it: <c>True</c>/<c>False</c>, a number, or text.</summary>
    public static ConfigValue Typed(string value) => value switch
    {
        "True" => ConfigValue.Of(true),
        "False" => ConfigValue.Of(false),
        _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => ConfigValue.Of(number),
        _ => ConfigValue.Of(value),
    };

    private static (string? Trainable, string? Env) Identity(string identity)
    {
        var parts = identity.Split('_', StringSplitOptions.RemoveEmptyEntries);
        var envAt = Array.FindIndex(parts, p => EnvIdPattern().IsMatch(p));
        if (envAt >= 0)
            return (envAt > 0 && !IsIndex(parts[envAt - 1]) ? parts[envAt - 1] : null, parts[envAt]);
        var trainable = parts.FirstOrDefault(p => !IsIndex(p));
        return (trainable, null);
    }

    private static bool IsIndex(string part) => part.Length > 0 && part.All(char.IsAsciiDigit);
}
