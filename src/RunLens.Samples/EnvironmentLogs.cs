using System.Globalization;

namespace RunLens.Samples;

/// <summary>Simulates one environment of one run and writes its records into rotated chunk files.</summary>
internal static class EnvironmentLogs
{
    public static PartResult Write(string runDir, RunPlan run, int env, GridWorld world, SyntheticExperimentOptions o)
    {
        var tally = new Tally();
        var damage = new List<DamageReport>();
        var layouts = new SortedSet<RecordLayout>();
        var nonFiniteDamage = o.Damage.HasFlag(SyntheticDamage.NonFiniteValues) && env == 0;
        var handling = nonFiniteDamage ? NonFiniteHandling.PythonLiterals : NonFiniteHandling.Throw;
        var agent = new ExplorerEnv(world, Prng.Seed(run.Seed, run.Index, env), env, run.Bonus, run.StepsPerEnv, o.EpisodeLength);
        var chunks = run.Chunks(o.RecordsPerFile);
        long bytes = 0, nonFiniteRecords = 0;
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var count = (int)Math.Min(o.RecordsPerFile, run.StepsPerEnv - (long)chunk * o.RecordsPerFile);
            // The killed-run damage hits the last file of env 0 of the first run, which is therefore never gzipped.
            var cut = o.Damage.HasFlag(SyntheticDamage.TruncateFile) && run.Index == 0 && env == 0 && chunk == chunks - 1
                ? count / 2 : -1;
            var fileIndex = env * chunks + chunk;
            var gzip = cut < 0 && o.GzipEvery > 0 && (fileIndex + 1) % o.GzipEvery == 0;
            var layout = o.MixLayouts && run.Layout == RecordLayout.Flat && chunks > 1 && chunk >= chunks / 2
                ? RecordLayout.Nested : run.Layout;
            layouts.Add(layout);
            var name = string.Create(CultureInfo.InvariantCulture, $"json_logs/{env}_{chunk:0000}.json") + (gzip ? ".gz" : "");
            var path = Path.Combine(runDir, name);
            long cutStart = 0, cutEnd = 0, firstLost = 0, lastLost = 0;
            using (var log = JsonLogWriter.Create(path, layout, handling))
            {
                for (var i = 0; i < count; i++)
                {
                    var record = agent.Next();
                    if (nonFiniteDamage && Spoil(ref record))
                        nonFiniteRecords++;
                    if (i == cut)
                        cutStart = log.BytesWritten;
                    log.Write(record);
                    if (i == cut)
                        cutEnd = log.BytesWritten;
                    if (cut >= 0 && i >= cut)
                    {
                        (firstLost, lastLost) = (i == cut ? record.Step : firstLost, record.Step);
                        continue;
                    }
                    tally.AddGame(record, layout);
                }
            }
            if (cut >= 0)
            {
                using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
                    file.SetLength(cutStart + (cutEnd - cutStart) / 2);
                damage.Add(new DamageReport(SyntheticDamage.TruncateFile, run.RelativePath + "/" + name, count - cut, 1, 0,
                    firstLost, lastLost, string.Create(CultureInfo.InvariantCulture,
                        $"cut in the middle of record {cut} of {count}: records {cut}..{count - 1} are gone, the file ends mid-record")));
            }
            bytes += new FileInfo(path).Length;
        }
        if (nonFiniteDamage)
        {
            damage.Add(new DamageReport(SyntheticDamage.NonFiniteValues, run.RelativePath, 0, 0, nonFiniteRecords, null, null,
                "env 0: rewards.stuck = -Infinity at steps 499 mod 1000, info.hp = Infinity at 749 mod 1000 (nested files only), " +
                "rewards.explore = NaN at 999 mod 1000; rewards.total follows"));
        }
        return new PartResult(tally, chunks, bytes, layouts.ToList(), damage);
    }

    /// <summary>Puts Python's non-finite literals into some records, as a diverging reward computation would.</summary>
    private static bool Spoil(ref GameStepRecord record)
    {
        switch (record.Step % 1000)
        {
            case 499:
                record = record with { Rewards = record.Rewards with { Stuck = double.NegativeInfinity } };
                return true;
            case 749:
                record = record with { Hp = double.PositiveInfinity };
                return true;
            case 999:
                record = record with { Rewards = record.Rewards with { Explore = double.NaN } };
                return true;
            default:
                return false;
        }
    }
}
