using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RunLens.Fuzz;

/// <summary>
/// The seed corpus of each harness: small valid files written here (by the repo's own writers where it has them,
/// else byte by byte), plus the few edge shapes a format allows (BOM, CRLF, non-finite literals, an array instead of
/// lines). Fuzzing starts from these; the smoke test replays them and their mutations.
/// </summary>
internal static class Seeds
{
    /// <summary>The seeds of <paramref name="harness"/>, by file name.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> For(string harness) => harness switch
    {
        "json" => Json,
        "json-gz" => [.. Json.Select(s => (s.Name + ".gz", Gzip(s.Bytes))), ("two-members.gz", [.. Gzip(Json[0].Bytes), .. Gzip(Json[1].Bytes)])],
        "tfevents" or "tfevents-crc" => TensorBoard(),
        "csv" => Text(
            ("progress.csv", "time/total_timesteps,rollout/ep_rew_mean,train/loss\n128,5.0,0.1\n256,6.5,nan\n384,,inf\n"),
            ("quoted.csv", "step,reward,note\r\n1,0.5,\"a, b\"\r\n2,-1e-3,\"say \"\"hi\"\"\"\r\n"),
            ("repeated-header.csv", "step,reward\n1,1.0\nstep,reward\n1,2.0\n")),
        "monitor" => Text(
            ("0.monitor.csv", "#{\"t_start\": 1000.5, \"env_id\": \"CartPole-v1\"}\nr,l,t\n10.0,10,0.5\n20.0,20,1.5\n"),
            ("extra.monitor.csv", "#{\"t_start\": 1.0}\r\nr,l,t,is_success\r\n-1.5,3,0.25,True\r\n")),
        "mlflow" => Text(
            ("loss", "1700000000000 1.0 0\n1700000001000 2.5 1\n1700000002000 nan 2\n"),
            ("inf", "1700000000000 inf 0\n1700000000000 -inf 1\n1700000000000 1e-05 2\n")),
        "wandb" or "wandb-crc" => [("run.wandb", Wandb())],
        "npy" => [("f8.npy", Npy("<f8", "(3,)", [0.5, 1.5, -2])), ("i4-2d.npy", Npy("<i4", "(2, 2)", [1, 2, 3, 4]))],
        "npz" => [("evaluations.npz", Evaluations(CompressionLevel.NoCompression)), ("evaluations-deflated.npz", Evaluations(CompressionLevel.Optimal)), ("trajectories.npz", Trajectories())],
        "yaml" => Text(
            ("config.yml", "CartPole-v1:\n  n_envs: 8\n  policy: 'MlpPolicy'\n  n_timesteps: !!float 1e5\n  policy_kwargs: \"dict(net_arch=[64, 64])\"\n  learning_rate: lin_0.001\n"),
            ("nested.yaml", "---\nwandb_version: 1\nlr:\n  desc: null\n  value: 0.0003\nlayers: [64, {a: 1, b: [2, 3]}]\nnote: |\n  two\n  lines\nsteps:\n- - a\n  - 1\n- - b\n  - 2\n"),
            ("bom-crlf.yaml", "\uFEFFseed: 3 # comment\r\ngamma: .99\r\nname: \"q\\\"uoted\"\r\n")),
        "pickle" => [("list.pkl", PickleOfList()), .. Fixtures("pickle")],
        _ => throw new ArgumentException($"no seeds for '{harness}'", nameof(harness)),
    };

    private static readonly (string Name, byte[] Bytes)[] Json = Text(
        ("lines.jsonl", "{\"step\": 1, \"reward\": 0.5, \"rewards\": {\"total\": 0.5, \"goal\": 1}}\n{\"step\": 2, \"reward\": 1.5, \"position\": {\"x\": 1, \"y\": 2}, \"map\": 3}\n"),
        ("array.json", "[{\"global_step\": 10, \"loss\": 0.25, \"phase\": \"train\"},\n {\"global_step\": 20, \"loss\": NaN, \"ok\": true, \"list\": [1, 2]}]"),
        ("objects.json", "{\"step\":1,\"value\":Infinity}{\"step\":2,\"value\":-Infinity}\n{\"step\":3,\"value\":1e400,\"value\":2}"),
        ("bom-crlf.jsonl", "\uFEFF{\"timesteps\": 100, \"episode_reward\": -3.25}\r\n{\"timesteps\": 200, \"episode_reward\": null}\r\n"));

    private static (string, byte[])[] Text(params (string Name, string Text)[] files) =>
        [.. files.Select(f => (f.Name, Encoding.UTF8.GetBytes(f.Text)))];

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
            gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>Written by the repo's own writer: a file version, hyperparameters, three steps of two scalars.</summary>
    private static (string, byte[])[] TensorBoard()
    {
        var folder = Directory.CreateTempSubdirectory("runlens-seed-").FullName;
        try
        {
            string path;
            using (var events = new TensorBoardEventWriter(folder, wallTime: 1700000000))
            {
                events.WriteHyperparameters([new("lr", "0.001"), new("algo", "PPO")]);
                for (var step = 0; step < 3; step++)
                    events.WriteScalars(step * 64, 1700000001 + step, [new("train/loss", step * 0.5), new("rollout/ep_rew_mean", double.NaN)]);
                path = events.FilePath;
            }
            return [("events.out.tfevents", File.ReadAllBytes(path))];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A W&amp;B transaction log as wandb's datastore writes it: the 7-byte header, then one FULL chunk per record
    /// (CRC of the type byte and the data, length, type): a run record and two history records.
    /// </summary>
    private static byte[] Wandb()
    {
        using var output = new MemoryStream();
        output.Write([(byte)':', (byte)'W', (byte)'&', (byte)'B', 0xE1, 0xBE, 0]);
        byte[][] records =
        [
            [.. Varint(1, 1), .. Bytes(17, [.. String(1, "fuzz"), .. String(3, "proj"), .. String(8, "name")])],
            History(1, 0, ("loss", "0.5"), ("_step", "0")),
            History(2, 1, ("loss", "NaN"), ("acc", "\"text\"")),
        ];
        Span<byte> header = stackalloc byte[7];
        foreach (var record in records)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header, Crc32Ieee.OfChunk(1, record));
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], (ushort)record.Length);
            header[6] = 1;
            output.Write(header);
            output.Write(record);
        }
        return output.ToArray();
    }

    /// <summary>Record { num = 1; history = 2 { repeated item = 1 { key = 1; value_json = 16 }; step = 2 { num = 1 } } }.</summary>
    private static byte[] History(long num, long step, params (string Key, string Json)[] items) =>
        [.. Varint(1, num), .. Bytes(2, [.. items.SelectMany(i => Bytes(1, [.. String(1, i.Key), .. String(16, i.Json)])), .. Bytes(2, Varint(1, step))])];

    private static byte[] Varint(int field, long value) => [.. Raw((ulong)(field << 3)), .. Raw((ulong)value)];

    private static byte[] Bytes(int field, byte[] data) => [.. Raw((ulong)(field << 3 | 2)), .. Raw((ulong)data.Length), .. data];

    private static byte[] String(int field, string text) => Bytes(field, Encoding.UTF8.GetBytes(text));

    private static byte[] Raw(ulong value)
    {
        var bytes = new List<byte>();
        for (; value >= 0x80; value >>= 7)
            bytes.Add((byte)(value | 0x80));
        bytes.Add((byte)value);
        return [.. bytes];
    }

    /// <summary>An .npy file of format 1.0: magic, version, header length, the header dict padded to 64 bytes, data.</summary>
    private static byte[] Npy(string dtype, string shape, double[] values)
    {
        var dict = $"{{'descr': '{dtype}', 'fortran_order': False, 'shape': {shape}, }}";
        var padded = dict.PadRight(((10 + dict.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        using var output = new MemoryStream();
        output.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)padded.Length, (byte)(padded.Length >> 8)]);
        output.Write(Encoding.ASCII.GetBytes(padded));
        Span<byte> value = stackalloc byte[8];
        foreach (var v in values)
        {
            if (dtype == "<i4")
            {
                BinaryPrimitives.WriteInt32LittleEndian(value, (int)v);
                output.Write(value[..4]);
            }
            else if (dtype == "<i8")
            {
                BinaryPrimitives.WriteInt64LittleEndian(value, (long)v);
                output.Write(value);
            }
            else
            {
                BinaryPrimitives.WriteDoubleLittleEndian(value, v);
                output.Write(value);
            }
        }
        return output.ToArray();
    }

    private static byte[] Zip(CompressionLevel level, params (string Name, byte[] Npy)[] members)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create))
        {
            foreach (var (name, npy) in members)
            {
                using var entry = zip.CreateEntry(name + ".npy", level).Open();
                entry.Write(npy);
            }
        }
        return output.ToArray();
    }

    /// <summary>SB3's evaluations.npz: two evaluations of three episodes.</summary>
    private static byte[] Evaluations(CompressionLevel level) => Zip(level,
        ("timesteps", Npy("<i8", "(2,)", [1000, 2000])),
        ("results", Npy("<f8", "(2, 3)", [1, 2, 6, 10, 10, 10])),
        ("ep_lengths", Npy("<i8", "(2, 3)", [5, 6, 7, 50, 50, 50])));

    /// <summary>imitation's trajectory layout: two trajectories of 2 and 1 steps (obs has one more row each).</summary>
    private static byte[] Trajectories() => Zip(CompressionLevel.NoCompression,
        ("acts", Npy("<i8", "(3,)", [0, 1, 1])),
        ("rews", Npy("<f8", "(3,)", [0.5, 1, -1])),
        ("obs", Npy("<i4", "(5, 2)", [0, 0, 1, 0, 2, 0, 5, 5, 6, 5])),
        ("terminal", Npy("<i8", "(2,)", [1, 1])),
        ("indices", Npy("<i8", "(1,)", [2])));

    /// <summary>Protocol 2: a list of a dict {'x': 1.5, 'n': 3} and the string 'end' (memoized, then fetched).</summary>
    private static byte[] PickleOfList() =>
    [
        0x80, 2, (byte)']', (byte)'q', 0, (byte)'(', (byte)'}', (byte)'q', 1, (byte)'(',
        (byte)'X', 1, 0, 0, 0, (byte)'x', (byte)'G', 0x3F, 0xF8, 0, 0, 0, 0, 0, 0,
        (byte)'X', 1, 0, 0, 0, (byte)'n', (byte)'K', 3, (byte)'u',
        (byte)'X', 3, 0, 0, 0, (byte)'e', (byte)'n', (byte)'d', (byte)'q', 2, (byte)'h', 2, (byte)'e', (byte)'.',
    ];

    /// <summary>Seed files copied beside the program (the pickles the pickle tests use: Maze and imitation records).</summary>
    private static IEnumerable<(string, byte[])> Fixtures(string harness)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Seeds", harness);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
            : [];
    }
}
