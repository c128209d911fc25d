using RunLens.Formats.Sb3;
using RunLens.TestSupport;
using RunLens.Tests.Formats.Csv;
using Xunit.Abstractions;

namespace RunLens.Tests.Formats.Sb3;

/// <summary>
/// RL Baselines3 Zoo's pretrained-agent logs (../shared/real-runs/sb3-baselines/DLR-RM__rl-trained-agents), checked
/// against numbers computed with /usr/bin/python3 (csv, json and PyYAML with its UnsafeLoader for the OrderedDict
/// tag). Every monitor file of this subset ends its JSON line with LF and its rows with CRLF (checked with
/// <c>grep -c $'\r'</c>: lines with CR = lines - 1 in all 111 files); none is LF-only or header-only, so those cases are
/// covered by the fixtures of <see cref="Sb3FormatTests"/>.
/// </summary>
public class Sb3RealRunTests(ITestOutputHelper output)
{
    private const string Root = "sb3-baselines/DLR-RM__rl-trained-agents";

    // run: (monitor files, episodes over them, args.yml seed, config.yml entries, args.yml entries), from
    //   len(glob(run + '/*.monitor.csv')); sum(len(list(csv.DictReader(f))) after f.readline());
    //   yaml.load(open(args), Loader=yaml.UnsafeLoader)['seed'], len(...) of config.yml and args.yml
    private static readonly Dictionary<string, (int Monitors, int Episodes, long Seed, int ConfigEntries, int ArgsEntries)> Expected = new()
    {
        ["a2c/Acrobot-v1_1"] = (16, 5487, 951484142, 5, 29),
        ["a2c/CartPole-v1_1"] = (8, 1549, 252933904, 4, 29),
        ["a2c/LunarLander-v2_1"] = (8, 847, 2122543594, 7, 29),
        ["a2c/MountainCar-v0_1"] = (16, 8058, 3039244810, 5, 29),
        ["dqn/Acrobot-v1_1"] = (1, 1011, 892009959, 13, 29),
        ["dqn/CartPole-v1_1"] = (1, 500, 1017579432, 13, 29),
        ["dqn/LunarLander-v2_1"] = (1, 246, 2474133022, 13, 29),
        ["dqn/MountainCar-v0_1"] = (1, 766, 1787207996, 13, 29),
        ["her/FetchPickAndPlace-v1_1"] = (0, 0, 373494207, 13, 29),
        ["her/FetchPush-v1_1"] = (0, 0, 989299154, 13, 29),
        ["her/FetchReach-v1_1"] = (1, 400, 1534274952, 13, 29),
        ["her/FetchSlide-v1_1"] = (0, 0, 1825671678, 13, 29),
        ["her/PandaPickAndPlace-v1_1"] = (0, 0, 1297111683, 10, 30),
        ["her/PandaPush-v1_1"] = (0, 0, 3565090848, 10, 30),
        ["her/PandaReach-v1_1"] = (1, 400, 324769896, 12, 30),
        ["her/PandaSlide-v1_1"] = (0, 0, 590290592, 10, 30),
        ["her/parking-v0_1"] = (1, 1645, 473624747, 13, 29),
        ["ppo/Acrobot-v1_1"] = (16, 11831, 822121794, 9, 29),
        ["ppo/CartPole-v1_1"] = (8, 316, 1648070233, 11, 29),
        ["ppo/LunarLander-v2_1"] = (16, 2757, 1844899055, 9, 29),
        ["ppo/MountainCar-v0_1"] = (16, 8149, 2944513286, 9, 29),
    };

    /// <summary>The monitor files only (the run also has evaluations.npz, pinned by the evaluations reader's tests).</summary>
    private static ScanResult ScanMonitors(Run run) =>
        Scanner.Scan(run.Info.Files.Where(f => f.Format == FileFormats.Sb3Monitors).ToList(), FieldMap.Default, ScanOptions.Default);

    [RealDataFact(Root)]
    public void Every_zoo_run_loads_with_its_episodes_seed_variant_and_config()
    {
        var folder = RealRuns.Folder(Root, output);

        var runs = Runs.Load(folder);

        Assert.Empty(runs.Issues);
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), runs.Select(r => r.Name));
        foreach (var run in runs)
        {
            var expected = Expected[run.Name];
            var info = run.Info;
            Assert.Equal(Sb3Format.Format, info.Format);
            Assert.Equal(expected.Monitors == 0 ? 0 : 1, info.Files.Count(f => f.Format == FileFormats.Sb3Monitors));
            Assert.Equal(expected.Monitors, info.Files.SingleOrDefault(f => f.Format == FileFormats.Sb3Monitors)?.DiskPaths.Count ?? 0);
            Assert.Equal(run.Name + "/evaluations.npz", Assert.Single(info.Files, f => f.Format == FileFormats.Evaluations).RelativePath);
            Assert.Equal(expected.Seed, info.Seed);
            Assert.Equal(run.Name[..run.Name.LastIndexOf('_')], info.Variant);
            Assert.Equal(expected.ConfigEntries + expected.ArgsEntries, info.Config.Count);
            Assert.Equal(expected.ArgsEntries, info.Config.Keys.Count(k => k.StartsWith("args.", StringComparison.Ordinal)));

            var training = run.Episodes.OfKind(EpisodeKinds.Training);
            Assert.Equal(expected.Episodes, training.Count);
            Assert.NotEmpty(run.Episodes.OfKind(EpisodeKinds.Evaluation));
            Assert.Equal(expected.Episodes + run.Episodes.OfKind(EpisodeKinds.Evaluation).Count, run.Episodes.Count);
            Assert.Empty(run.Episodes.Issues);
            Assert.Empty(run.Scan().Issues);
            if (expected.Monitors == 0)
                continue;
            var scan = ScanMonitors(run);
            Assert.Equal(expected.Episodes, scan.Records);
            Assert.Empty(scan.Issues);
            Assert.Equal(training.Sum(e => e.Length), training[^1].TrainingStep);
            Assert.Equal(training[^1].TrainingStep, scan.StepMax);
        }
    }

    [RealDataTheory(Root)]
    // file: episodes, sum of r, sum of l, last t, successes: python3 csv.DictReader after the JSON line:
    //   len(rows), sum(float(r['r'])), sum(int(r['l'])), rows[-1]['t'], sum(r.get('is_success') == 'True')
    [InlineData("ppo/CartPole-v1_1/0.monitor.csv", 38, 12184.0, 12184, 92.169714, null)]
    [InlineData("dqn/LunarLander-v2_1/0.monitor.csv", 246, 3272.3006940000046, 99205, 609.703191, null)]
    [InlineData("her/parking-v0_1/0.monitor.csv", 1645, -16349.491798999963, 49986, 1390.834404, 1490)]
    public void Monitor_files_give_exact_episode_counts_and_sums(string file, int episodes, double returns, long steps, double lastTime, int? successes)
    {
        var path = RealRuns.Folder(Path.Combine(Root, file), output);

        var result = CsvReading.Read((fields, issues) => new MonitorRecordReader(path, fields, issues));

        Assert.Empty(result.Issues);
        Assert.Equal(episodes, result.Rows.Count);
        Assert.Equal(returns, result.Rows.Sum(r => r[MonitorRecordReader.ReturnField]), 9);
        Assert.Equal(steps, result.Steps[^1]);
        Assert.Equal(lastTime, result.Rows[^1][MonitorRecordReader.TimeField]);
        if (successes is { } n)
            Assert.Equal(n, result.Rows.Sum(r => r[MonitorRecordReader.SuccessField]));
        else
            Assert.All(result.Rows, r => Assert.False(r.Values.ContainsKey(MonitorRecordReader.SuccessField)));
    }

    [RealDataTheory(Root)]
    // SB3's load_results + ts2xy, without pandas: every file's rows (t + t_start), sorted by that time (ties by file
    // number, then row), cumulative sum of l. Pinned: the count, the last cumulative step, the first three
    // (file, cumulative step), and the 100th episode's (file, l, cumulative step).
    [InlineData("ppo/CartPole-v1_1", 316, 97880L, "0,3,4", "10,20,32", "4", 81L, 3919L)]
    [InlineData("a2c/Acrobot-v1_1", 5487, 499252L, "14,3,8", "317,681,1047", "7", 164L, 23861L)]
    public void Episodes_merge_every_env_file_in_time_order_with_the_runs_total_steps(
        string runName, int count, long lastStep, string firstFiles, string firstSteps, string file100, long length100, long step100)
    {
        var folder = RealRuns.Folder(Path.Combine(Root, runName), output);

        var episodes = Runs.Load(folder).Single().Episodes.OfKind(EpisodeKinds.Training);

        Assert.Equal(count, episodes.Count);
        Assert.Equal(lastStep, episodes[^1].TrainingStep);
        Assert.Equal(firstFiles, string.Join(',', episodes.Take(3).Select(e => Path.GetFileName(e.Source).Split('.')[0])));
        Assert.Equal(firstSteps, string.Join(',', episodes.Take(3).Select(e => e.TrainingStep)));
        Assert.Equal(file100 + ".monitor.csv", Path.GetFileName(episodes[99].Source));
        Assert.Equal((length100, step100), (episodes[99].Length, episodes[99].TrainingStep!.Value));
        Assert.True(episodes.Zip(episodes.Skip(1)).All(p => p.First.Time <= p.Second.Time), "time order");
    }

    [RealDataTheory(Root)]
    // The same merged x as above (ts2xy(load_results(run), "timesteps")), now on the scan and Metric: episode/return
    // has one point per episode of every env file, the last at the run's total timesteps.
    [InlineData("ppo/CartPole-v1_1", 316, 97880L)]
    [InlineData("a2c/Acrobot-v1_1", 5487, 499252L)]
    public void Scan_and_metric_put_monitor_episodes_at_the_runs_total_timesteps(string runName, int count, long lastStep)
    {
        var folder = RealRuns.Folder(Path.Combine(Root, runName), output);

        var run = Runs.Load(folder).Single();
        var returns = run.Scan().Field(MonitorRecordReader.ReturnField)!;
        var metric = run.Metric(MonitorRecordReader.ReturnField);
        var training = run.Episodes.OfKind(EpisodeKinds.Training);

        Assert.Equal((count, lastStep), (returns.Count, returns.Buckets[^1].LastStep));
        Assert.Equal((count, lastStep), (metric.Points.Count, metric.Points[^1].Step));
        Assert.Equal(training.Select(e => e.TrainingStep!.Value), metric.Points.Select(p => p.Step));
        Assert.Equal(training.Select(e => e.Return), metric.Points.Select(p => p.Value));
    }

    [RealDataFact(Root)]
    public void Zoo_hyperparameters_match_pyyaml()
    {
        var folder = RealRuns.Folder(Root, output);

        var runs = Runs.Load(folder);
        var ppo = runs["ppo/CartPole-v1_1"].Info.Config;
        var parking = runs["her/parking-v0_1"].Info.Config;

        // yaml.load(open('ppo/CartPole-v1_1/CartPole-v1/config.yml'), Loader=yaml.UnsafeLoader):
        // {'batch_size': 256, 'clip_range': 'lin_0.2', 'ent_coef': 0.0, 'gae_lambda': 0.8, 'gamma': 0.98,
        //  'learning_rate': 'lin_0.001', 'n_envs': 8, 'n_epochs': 20, 'n_steps': 32, 'n_timesteps': 100000.0,
        //  'policy': 'MlpPolicy'}
        Assert.Equal(256, ppo["batch_size"].Number);
        Assert.Equal("lin_0.2", ppo["clip_range"].Text);
        Assert.Equal(0.0, ppo["ent_coef"].Number);
        Assert.Equal(0.8, ppo["gae_lambda"].Number);
        Assert.Equal(0.98, ppo["gamma"].Number);
        Assert.Equal("lin_0.001", ppo["learning_rate"].Text);
        Assert.Equal(8, ppo["n_envs"].Number);
        Assert.Equal(20, ppo["n_epochs"].Number);
        Assert.Equal(32, ppo["n_steps"].Number);
        Assert.Equal(100000.0, ppo["n_timesteps"].Number);
        Assert.Equal("MlpPolicy", ppo["policy"].Text);
        // args.yml: 'algo': 'ppo', 'env': 'CartPole-v1', 'eval_freq': 10000, 'optimize_hyperparameters': False,
        // 'log_folder': 'rl-trained-agents/', 'tensorboard_log': '', 'gym_packages': [], 'seed': 1648070233
        Assert.Equal("ppo", ppo["args.algo"].Text);
        Assert.Equal("CartPole-v1", ppo["args.env"].Text);
        Assert.Equal(10000, ppo["args.eval_freq"].Number);
        Assert.False(ppo["args.optimize_hyperparameters"].Boolean);
        Assert.Equal("rl-trained-agents/", ppo["args.log_folder"].Text);
        Assert.Equal("", ppo["args.tensorboard_log"].Text);
        Assert.Equal([], ppo["args.gym_packages"].Items!);
        Assert.Equal(1648070233, ppo["args.seed"].Number);
        // her/parking-v0_1/parking-v0/config.yml: 'model_class': 'tqc', 'online_sampling': True,
        // 'policy_kwargs': 'dict(n_critics=2, net_arch=[512, 512, 512])', 'buffer_size': 1000000, 'tau': 0.05
        Assert.Equal("tqc", parking["model_class"].Text);
        Assert.True(parking["online_sampling"].Boolean);
        Assert.Equal("dict(n_critics=2, net_arch=[512, 512, 512])", parking["policy_kwargs"].Text);
        Assert.Equal(1000000, parking["buffer_size"].Number);
        Assert.Equal(0.05, parking["tau"].Number);
    }
}
