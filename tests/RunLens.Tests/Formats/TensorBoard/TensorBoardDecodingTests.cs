using RunLens.TestSupport;
using static RunLens.Tests.Formats.TensorBoard.EventFileBuilder;

namespace RunLens.Tests.Formats.TensorBoard;

/// <summary>Event and Summary decoding: tensor scalars of each dtype, histograms, text, images, hparams, folders.</summary>
public class TensorBoardDecodingTests
{
    private const string Name = "events.out.tfevents.1700000000.host";

    // types.proto DataType numbers.
    private const int Float = 1, Double = 2, Int32 = 3, String = 7, Int64 = 9, Bool = 10, Bfloat16 = 14, Half = 19;

    public static TheoryData<string, byte[], double> TensorScalars => new()
    {
        { "float_val packed", Tensor(Float, [], Pb.PackedFloats(5, 1.5f)), 1.5 },
        { "float_val unpacked, shape [1]", Tensor(Float, [1], Pb.Float(5, -0.25f)), -0.25 },
        { "double_val", Tensor(Double, [], Pb.PackedDoubles(6, 2.000000000000001)), 2.000000000000001 },
        { "int_val negative", Tensor(Int32, [], Pb.PackedVarints(7, -7)), -7 },
        { "int64_val", Tensor(Int64, [], Pb.PackedVarints(10, 1L << 40)), 1L << 40 },
        { "bool_val", Tensor(Bool, [], Pb.PackedVarints(11, 1)), 1 },
        { "half_val", Tensor(Half, [], Pb.PackedVarints(13, 0x3800)), 0.5 },
        { "tensor_content float", Tensor(Float, [], Pb.Bytes(4, BitConverter.GetBytes(3.5f))), 3.5 },
        { "tensor_content double", Tensor(Double, [], Pb.Bytes(4, BitConverter.GetBytes(-1e300))), -1e300 },
        { "tensor_content int32", Tensor(Int32, [], Pb.Bytes(4, BitConverter.GetBytes(-123456))), -123456 },
        { "tensor_content int64", Tensor(Int64, [], Pb.Bytes(4, BitConverter.GetBytes(-(1L << 50)))), -(1L << 50) },
        { "tensor_content half", Tensor(Half, [], Pb.Bytes(4, BitConverter.GetBytes((Half)(-2.0)))), -2 },
        { "tensor_content bfloat16", Tensor(Bfloat16, [], Pb.Bytes(4, [0xC0, 0x3F])), 1.5 },
    };

    [Theory]
    [MemberData(nameof(TensorScalars))]
    public void Scalar_tensors_of_each_dtype_read_as_numbers(string label, byte[] tensor, double expected)
    {
        using var dir = new TempDir();
        var path = new EventFileBuilder().FileVersion()
            .Summary(7, 1001, TensorValue("value", tensor, plugin: "scalars"))
            .Summary(8, 1002, TensorValue("value", tensor)) // later values carry no metadata: the tag's plugin is remembered
            .Write(dir.File(Name));
        var read = TensorBoardRead.All(path);
        Assert.Empty(read.Issues);
        Assert.True(read.Points("value").SequenceEqual([(7L, expected), (8L, expected)]), label);
    }

    [Fact]
    public void Histograms_are_summarised_as_count_mean_min_max_std()
    {
        using var dir = new TempDir();
        // HistogramProto (summary.proto Value.histo = 5): min 1, max 2, num 3, sum 4, sum_squares 5.
        var proto = Pb.Message(Pb.String(1, "w"), Pb.Bytes(5, Pb.Message(
            Pb.Double(1, -1), Pb.Double(2, 3), Pb.Double(3, 4), Pb.Double(4, 4), Pb.Double(5, 14),
            Pb.PackedDoubles(6, 0, 10), Pb.PackedDoubles(7, 1, 3))));
        // The histograms plugin's [k, 3] tensor of (left, right, count): buckets [0,2) x1 and [2,4) x3.
        var buckets = TensorValue("b", Tensor(Double, [2, 3], Pb.Bytes(4, [.. new double[] { 0, 2, 1, 2, 4, 3 }.SelectMany(BitConverter.GetBytes)])), plugin: "histograms");
        var empty = TensorValue("e", Tensor(Float, [0, 3]), plugin: "histograms");
        var path = new EventFileBuilder().FileVersion().Summary(5, 1001, proto, buckets, empty).Write(dir.File(Name));

        var row = Assert.Single(TensorBoardRead.All(path).Rows);
        // mean = 4/4; std = sqrt(14/4 - 1²).
        Assert.Equal(4, row.Values["w/count"]);
        Assert.Equal(1, row.Values["w/mean"]);
        Assert.Equal(-1, row.Values["w/min"]);
        Assert.Equal(3, row.Values["w/max"]);
        Assert.Equal(Math.Sqrt(2.5), row.Values["w/std"], 12);
        // Midpoints 1 and 3 weighted 1 and 3: mean 2.5, std sqrt((1.5² + 3 * 0.5²) / 4).
        Assert.Equal(4, row.Values["b/count"]);
        Assert.Equal(2.5, row.Values["b/mean"]);
        Assert.Equal(0, row.Values["b/min"]);
        Assert.Equal(4, row.Values["b/max"]);
        Assert.Equal(Math.Sqrt(0.75), row.Values["b/std"], 12);
        Assert.Equal(0, row.Values["e/count"]);
        Assert.False(row.Values.ContainsKey("e/mean"));
    }

    [Fact]
    public void Text_summaries_are_text_values_and_their_records_count_without_text_too()
    {
        using var dir = new TempDir();
        var one = TensorValue("notes", Tensor(String, [], Pb.String(8, "first run")), plugin: "text");
        var two = TensorValue("notes", Tensor(String, [2], Pb.String(8, "a"), Pb.String(8, "b")));
        var path = new EventFileBuilder().FileVersion().Summary(1, 1001, one).Summary(2, 1002, two).Write(dir.File(Name));

        var read = TensorBoardRead.All(path);
        Assert.Equal(["first run", "a\nb"], read.Rows.Select(r => r.Texts["notes"]));
        Assert.All(read.Rows, r => Assert.Empty(r.Values));
        var withoutText = TensorBoardRead.All(path, wantText: false);
        Assert.Equal([1L, 2L], withoutText.Rows.Select(r => r.Step));
        Assert.All(withoutText.Rows, r => Assert.Empty(r.Texts));
    }

    [Fact]
    public void A_runs_text_summaries_are_named_in_its_scan_notes()
    {
        // ML-Agents writes its hyperparameters as a text summary at step 0: a value, but no series.
        using var dir = new TempDir();
        var text = TensorValue("Hyperparameters", Tensor(String, [], Pb.String(8, "batch_size: 64")), plugin: "text");
        new EventFileBuilder().FileVersion().Summary(0, 1000, text).Scalar(1, "loss", 0.5f).Write(dir.File("run/" + Name));

        var scan = Assert.Single(Runs.Load(dir.Path)).Scan();

        Assert.Contains($"{Name}: text summaries 'Hyperparameters' (1) are read as text values (in sampled rows and tables), not as series", scan.Notes);
        Assert.Equal(["loss"], scan.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Images_audio_and_other_plugins_are_not_records_and_are_noted_once_per_tag()
    {
        using var dir = new TempDir();
        var image = Pb.Message(Pb.String(1, "frame"), Pb.Bytes(4, Pb.Message(Pb.Varint(1, 2), Pb.Varint(2, 2), Pb.Bytes(4, [1, 2, 3]))));
        var tensorImage = TensorValue("obs", Tensor(String, [3], Pb.String(8, "2"), Pb.String(8, "2"), Pb.String(8, "png")), plugin: "images");
        var audio = Pb.Message(Pb.String(1, "sound"), Pb.Bytes(6, Pb.Message(Pb.Float(1, 16000))));
        var pr = TensorValue("pr", Tensor(Float, [6, 2], Pb.PackedFloats(5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)), plugin: "pr_curves");
        var vector = TensorValue("vec", Tensor(Float, [3], Pb.PackedFloats(5, 1, 2, 3)));
        var builder = new EventFileBuilder().FileVersion();
        for (var step = 0; step < 3; step++)
            builder.Summary(step, 1000 + step, image, tensorImage, audio, pr, vector);
        builder.Scalar(3, "loss", 1);
        builder.Write(dir.File("run/" + Name));

        var run = Assert.Single(Runs.Load(dir.Path));
        var scan = run.Scan();
        Assert.Equal(1, scan.Records);
        Assert.Equal(0, scan.Skipped);
        Assert.Empty(scan.Issues);
        Assert.Equal(
            ["not loaded ('pr_curves' plugin data): pr", "not loaded (audio): sound", "not loaded (images): frame, obs", "not loaded (non-scalar tensors): vec"],
            scan.Notes);
    }

    [Fact]
    public void Hparams_become_the_config_metric_names_a_tag_and_the_end_status_the_status()
    {
        using var dir = new TempDir();
        // google.protobuf.Value: number_value 2, string_value 3, bool_value 4, list_value 6 (ListValue.values 1).
        static byte[] Entry(string key, byte[] value) => Pb.Bytes(1, Pb.Message(Pb.String(1, key), Pb.Bytes(2, value)));
        var start = Pb.Message(Pb.Varint(1, 0), Pb.Bytes(3, Pb.Message(
            Entry("lr", Pb.Double(2, 0.0003)),
            Entry("optimizer", Pb.String(3, "adam")),
            Entry("use_gae", Pb.Varint(4, 1)),
            Entry("layers", Pb.Bytes(6, Pb.Message(Pb.Bytes(1, Pb.Double(2, 64)), Pb.Bytes(1, Pb.Double(2, 64))))),
            Entry("seed", Pb.Double(2, 3)),
            Pb.String(4, "group-a"))));
        // Experiment (2): metric_infos 5 { name 1 { group 1, tag 2 } }.
        var experiment = Pb.Message(Pb.Bytes(2, Pb.Message(
            Pb.Bytes(5, Pb.Bytes(1, Pb.Message(Pb.String(2, "hparam/accuracy")))),
            Pb.Bytes(5, Pb.Bytes(1, Pb.Message(Pb.String(1, "validation"), Pb.String(2, "loss")))))));
        var end = Pb.Message(Pb.Bytes(4, Pb.Message(Pb.Varint(1, 1))));
        static byte[] HParamsValue(string tag, byte[] content) =>
            Pb.Message(Pb.String(1, tag), Pb.Bytes(9, Pb.Bytes(1, Pb.Message(Pb.String(1, "hparams"), Pb.Bytes(2, content)))));
        new EventFileBuilder().FileVersion()
            .Summary(0, 1000, HParamsValue("_hparams_/experiment", experiment))
            .Summary(0, 1000, HParamsValue("_hparams_/session_start_info", start))
            .Summary(0, 1000, HParamsValue("_hparams_/session_end_info", end))
            .Scalar(0, "hparam/accuracy", 0.75f)
            .Write(dir.File("1700000000.123/" + Name));

        var run = Assert.Single(Runs.Load(dir.Path));
        var config = run.Info.Config;
        Assert.Equal(0.0003, config["lr"].Number);
        Assert.Equal("adam", config["optimizer"].Text);
        Assert.True(config["use_gae"].Boolean);
        Assert.Equal(ConfigValue.List(ConfigValue.Of(64), ConfigValue.Of(64)), config["layers"]);
        Assert.Equal(3, run.Info.Seed);
        Assert.Equal("hparam/accuracy, validation/loss", run.Info.Tags["hparams.metrics"]);
        Assert.Equal("group-a", run.Info.Tags["hparams.group"]);
        Assert.Equal("FINISHED", run.Info.Status);
        // The hparams summaries are not records; the metric is.
        Assert.Equal(1, run.Scan().Records);
        Assert.Equal(0.75, Assert.Single(run.Metric("hparam/accuracy").Points).Value);
    }

    [Fact]
    public void Every_folder_holding_event_files_is_a_run_at_any_depth_with_files_in_name_order()
    {
        using var dir = new TempDir();
        new EventFileBuilder().FileVersion().Scalar(1, "a", 1).Write(dir.File("gail/events.out.tfevents.1630642253.puffin.1.0"));
        new EventFileBuilder().FileVersion().Scalar(1, "g", 1).Write(dir.File("gail/raw/gen/events.out.tfevents.1630642253.puffin.1.1"));
        new EventFileBuilder().FileVersion().Scalar(1, "d", 1).Write(dir.File("gail/raw/disc/events.out.tfevents.1630642253.puffin.1.2"));
        // TensorBoard lists a run's files in name order (ten-digit seconds sort by time).
        new EventFileBuilder().FileVersion().Scalar(2, "loss", 2).Write(dir.File("ppo/events.out.tfevents.1000.b"));
        new EventFileBuilder().FileVersion().Scalar(1, "loss", 1).Write(dir.File("ppo/events.out.tfevents.999.a"));

        var runs = Runs.Load(dir.Path);
        Assert.Equal(["gail", "gail/raw/disc", "gail/raw/gen", "ppo"], runs.Select(r => r.Name));
        Assert.Equal(["ppo/events.out.tfevents.1000.b", "ppo/events.out.tfevents.999.a"], runs["ppo"].Info.Files.Select(f => f.RelativePath));
        Assert.All(runs, r => Assert.Equal(FileFormats.TensorBoard, r.Info.Files[0].Format));
        Assert.Equal([1L, 2L], runs["ppo"].Metric("loss").Points.Select(p => p.Step));
    }
}
