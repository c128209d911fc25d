using System.Globalization;
using System.IO.Compression;
using System.Text;
using RunLens.Fields;
using RunLens.Formats.Csv;
using RunLens.Loading;
using RunLens.TestSupport;
using static RunLens.Tests.Formats.Csv.CsvReading;

namespace RunLens.Tests.Formats.Csv;

/// <summary>
/// The CSV reader on tiny hand-written files. Offsets are found in the fixture text with IndexOf (the fixtures are
/// ASCII, so a character index is a byte offset), lines by counting.
/// </summary>
public class CsvRecordReaderTests
{
    [Fact]
    public void Columns_are_fields_by_name_so_files_may_order_them_differently()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.csv", "step,loss,reward\n1,0.5,10\n2,0.25,20\n");
        var b = dir.Write("b.csv", "reward,step,loss\n30,3,0.125\n");

        var first = Read(a);
        var second = Read(b);

        // Columns keep the names the file wrote (reward stays reward; rewards.total only finds it as a lookup).
        Assert.Equal([10.0, 20.0], first.Rows.Select(r => r["reward"]));
        Assert.Equal(30, second.Rows.Single()["reward"]);
        Assert.Equal(0.125, second.Rows.Single()["loss"]);
        Assert.Equal([1L, 2L], first.Steps);
        Assert.Equal([3L], second.Steps);
        Assert.Empty(first.Issues);
        Assert.Empty(second.Issues);
    }

    [Fact]
    public void Quoted_cells_hold_commas_doubled_quotes_and_line_breaks()
    {
        using var dir = new TempDir();
        var path = dir.Write("q.csv", "step,levels,note,v\n1,\"[6, 0, 0]\",\"say \"\"hi\"\"\",2\n2,\"a\nb\",\"x,\ny\",3\n3,plain,\"\",4\n");

        var result = Read(path);

        Assert.Empty(TextCellIssues.Others(result.Issues));
        Assert.Equal(3, result.Rows.Count);
        Assert.Equal("[6, 0, 0]", result.Rows[0].Texts["levels"]);
        Assert.Equal("say \"hi\"", result.Rows[0].Texts["note"]);
        Assert.Equal("a\nb", result.Rows[1].Texts["levels"]);
        Assert.Equal("x,\ny", result.Rows[1].Texts["note"]);
        Assert.Equal([2.0, 3.0, 4.0], result.Rows.Select(r => r["v"]));
        Assert.False(result.Rows[2].Texts.ContainsKey("note"), "an empty quoted cell has no value");
        // The third row starts after the two-line second row.
        Assert.Equal(File.ReadAllText(path).IndexOf("3,plain", StringComparison.Ordinal), result.Rows[2].Offset);
    }

    [Fact]
    public void Empty_cells_are_absent_values()
    {
        using var dir = new TempDir();
        // SB3's first progress.csv row has no train/* values yet.
        var path = dir.Write("progress.csv", "rollout/ep_rew_mean,time/total_timesteps,train/loss\n9.5,2048,\n10.5,4096, 0.75 \n");

        var result = Read(path);

        Assert.Equal(2, result.Rows[0].Values.Count);
        Assert.False(result.Rows[0].Values.ContainsKey("train/loss"));
        Assert.Equal(0.75, result.Rows[1]["train/loss"]);
        Assert.Equal([2048L, 4096L], result.Steps);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Python_spellings_of_special_numbers_and_booleans_are_values_and_other_cells_text()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.csv", "a,b,c,d,e,f,g,h,i,j\nnan,NaN,inf,-inf,Infinity,-Infinity,True,False,1e-05,MlpPolicy\n");

        var row = Read(path).Rows.Single();
        var noText = Read(path, wantText: false).Rows.Single();

        Assert.True(double.IsNaN(row["a"]) && double.IsNaN(row["b"]));
        Assert.Equal(double.PositiveInfinity, row["c"]);
        Assert.Equal(double.NegativeInfinity, row["d"]);
        Assert.Equal(double.PositiveInfinity, row["e"]);
        Assert.Equal(double.NegativeInfinity, row["f"]);
        Assert.Equal(1, row["g"]);
        Assert.Equal(0, row["h"]);
        Assert.Equal(1e-05, row["i"]);
        Assert.Equal("MlpPolicy", row.Texts["j"]);
        Assert.Empty(noText.Texts);
        Assert.Equal(9, noText.Values.Count);
    }

    [Fact]
    public void Plain_decimals_read_exactly_as_the_general_parser_reads_them()
    {
        var random = new Random(3);
        var cells = Enumerable.Range(0, 20_000).Select(i => (i % 4) switch
        {
            0 => random.Next(-1_000_000, 1_000_000).ToString(CultureInfo.InvariantCulture),
            1 => (random.NextDouble() * 1000 - 500).ToString("F" + random.Next(1, 9), CultureInfo.InvariantCulture),
            2 => random.NextDouble().ToString("R", CultureInfo.InvariantCulture),
            _ => "0." + new string('0', random.Next(0, 6)) + random.Next(1, 99999).ToString(CultureInfo.InvariantCulture),
        }).ToList();

        foreach (var cell in cells)
        {
            Assert.Equal(CsvValueKind.Number, CsvValue.Parse(Encoding.UTF8.GetBytes(cell), out var value));
            Assert.Equal(double.Parse(cell, CultureInfo.InvariantCulture), value);
        }
    }

    [Fact]
    public void A_byte_order_mark_and_crlf_line_ends_read_like_plain_lf()
    {
        using var dir = new TempDir();
        var lf = dir.Write("lf.csv", "step,v\n1,2\n3,4\n");
        var crlf = dir.File("crlf.csv");
        File.WriteAllBytes(crlf, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("step,v\r\n1,2\r\n3,\"4\"\r\n")]);

        var plain = Read(lf);
        var windows = Read(crlf);

        Assert.Empty(windows.Issues);
        Assert.Equal(plain.Rows.Select(r => r["v"]), windows.Rows.Select(r => r["v"]));
        Assert.Equal(plain.Steps, windows.Steps);
        // Offsets count the 3 BOM bytes and the CRs: "\uFEFF" + "step,v\r\n" = 3 + 8.
        Assert.Equal([11L, 16L], windows.Rows.Select(r => r.Offset));
    }

    [Fact]
    public void A_row_with_more_cells_than_the_header_is_reported_with_its_line_and_offset_and_skipped()
    {
        using var dir = new TempDir();
        const string text = "step,v\n1,10\n2,20,99\n3,30\n";
        var path = dir.Write("extra.csv", text);

        var result = Read(path);

        Assert.Equal([1L, 3L], result.Steps);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(path, issue.File);
        Assert.Equal(3, issue.Line);
        Assert.Equal(text.IndexOf("2,20,99", StringComparison.Ordinal), issue.Offset);
        Assert.Contains("3 cells but the header has 2", issue.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.Skipped["malformed CSV row"]);
    }

    [Fact]
    public void An_unterminated_quote_at_the_end_of_the_file_is_reported_and_every_row_before_it_loads()
    {
        using var dir = new TempDir();
        const string text = "step,note\n1,a\n2,b\n3,\"never closed\n";
        var path = dir.Write("open.csv", text);

        var result = Read(path);

        Assert.Equal([1L, 2L], result.Steps);
        var issue = Assert.Single(TextCellIssues.Others(result.Issues));
        Assert.Equal(4, issue.Line);
        Assert.Equal(text.IndexOf("3,\"never", StringComparison.Ordinal), issue.Offset);
        Assert.Contains("not closed", issue.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.Skipped["malformed CSV row"]);
    }

    [Fact]
    public void A_stray_quote_in_the_middle_costs_only_its_own_line()
    {
        using var dir = new TempDir();
        // Line 3's quote opens a cell that swallows line 4 and closes at line 5's first quote, followed by 'x':
        // malformed, so only line 3 is skipped and lines 4 and 5 load.
        const string text = "step,v\n1,a\n2,\"oops\n3,b\n4,\"x\"\n5,c\n";
        var path = dir.Write("stray.csv", text);

        var result = Read(path);

        Assert.Equal([1L, 3L, 4L, 5L], result.Steps);
        var issue = Assert.Single(TextCellIssues.Others(result.Issues));
        Assert.Equal(3, issue.Line);
        Assert.Equal(text.IndexOf("2,\"oops", StringComparison.Ordinal), issue.Offset);
        Assert.Contains("only line 3 is skipped", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_last_line_is_reported_and_skipped_but_a_complete_one_without_a_line_end_loads()
    {
        using var dir = new TempDir();
        const string cut = "step,a,b\n1,2,3\n2,5";
        var truncated = dir.Write("cut.csv", cut);
        var complete = dir.Write("complete.csv", "step,a,b\n1,2,3\n2,5,6");

        var result = Read(truncated);
        var whole = Read(complete);

        Assert.Equal([1L], result.Steps);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(3, issue.Line);
        Assert.Equal(cut.IndexOf("2,5", StringComparison.Ordinal), issue.Offset);
        Assert.Contains("cut off", issue.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.Skipped["truncated"]);
        Assert.Equal([1L, 2L], whole.Steps);
        Assert.Empty(whole.Issues);
    }

    [Fact]
    public void A_short_row_in_the_middle_loads_without_the_missing_values_and_is_reported()
    {
        using var dir = new TempDir();
        const string text = "step,a,b\n1,2,3\n2,5\n3,8,9\n";
        var path = dir.Write("short.csv", text);

        var result = Read(path);

        Assert.Equal([1L, 2L, 3L], result.Steps);
        Assert.False(result.Rows[1].Values.ContainsKey("b"));
        var issue = Assert.Single(result.Issues);
        Assert.Equal(3, issue.Line);
        Assert.Equal(text.IndexOf("2,5\n", StringComparison.Ordinal), issue.Offset);
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void A_repeated_header_is_an_episode_boundary_not_a_record()
    {
        using var dir = new TempDir();
        var path = dir.Write("agent_stats.csv", ",step,x,y,map\n0,0,5,3,40\n1,1,5,4,40\n,step,x,y,map\n0,0,5,3,40\n,step,x,y,map\n0,0,6,3,40\n");
        var issues = new ScanIssues();

        var result = Read(path);
        int repeated;
        using (var reader = new CsvRecordReader(path, new FieldTable(FieldMap.Default), issues))
        {
            while (reader.Read(new RecordBuffer(), wantText: false))
            {
            }
            repeated = reader.RepeatedHeaders;
        }

        Assert.Equal(4, result.Rows.Count);
        Assert.Equal(2, repeated);
        Assert.Empty(result.Issues);
        Assert.Equal([0L, 1L, 0L, 0L], result.Steps);
        // x, y and map keep their names (they play the positions as lookups); the unnamed pandas index column is dropped.
        Assert.Equal([5.0, 5.0, 5.0, 6.0], result.Rows.Select(r => r["x"]));
        Assert.All(result.Rows, r => Assert.Equal(4, r.Values.Count));
    }

    [Fact]
    public void Gzip_files_read_like_plain_ones()
    {
        using var dir = new TempDir();
        const string text = "step,v\n1,2\n3,4\n";
        var plain = dir.Write("p.csv", text);
        var gz = dir.File("p.csv.gz");
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Optimal))
            zip.Write(Encoding.UTF8.GetBytes(text));

        var a = Read(plain);
        var b = Read(gz);

        Assert.Equal(a.Rows.Select(r => r.Values["v"]), b.Rows.Select(r => r.Values["v"]));
        Assert.Equal(a.Rows.Select(r => r.Offset), b.Rows.Select(r => r.Offset));
        Assert.Empty(b.Issues);
    }

    [Fact]
    public void A_stream_factory_reads_a_zip_entry_and_names_it_in_issues()
    {
        using var dir = new TempDir();
        var zipPath = dir.File("results.zip");
        using (var archive = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            using var entry = new StreamWriter(archive.CreateEntry("trial_1/progress.csv").Open());
            entry.Write("training_iteration,episode_reward_mean\n1,5\n2,6,7\n3,8\n");
        }
        const string display = "results.zip!trial_1/progress.csv";

        using var archiveToRead = ZipFile.OpenRead(zipPath);
        var result = Read((fields, issues) => CsvRecordReader.Open(() => archiveToRead.GetEntry("trial_1/progress.csv")!.Open(), display, fields, issues));

        Assert.Equal([1L, 3L], result.Steps);
        Assert.Equal(display, Assert.Single(result.Issues).File);
    }

    [Fact]
    public void Read_last_record_gives_the_last_valid_row_with_its_text()
    {
        using var dir = new TempDir();
        // The last valid row is followed by a malformed one; many rows push it through buffer refills.
        var rows = Enumerable.Range(0, 20_000).Select(i => $"{i},{i * 0.5},name{i}");
        var path = dir.Write("many.csv", "step,v,name\n" + string.Join("\n", rows) + "\n20000,1,2,3\n");

        var result = Read(path, wantText: false);

        Assert.Equal(20_000, result.Rows.Count);
        Assert.Equal(Enumerable.Range(0, 20_000).Sum(i => i * 0.5), result.Rows.Sum(r => r["v"]));
        Assert.NotNull(result.Last);
        Assert.Equal(19_999, result.Last["step"]);
        Assert.Equal("name19999", result.Last.Texts["name"]);
    }

    [Fact]
    public void A_long_quoted_cell_across_buffer_refills_is_one_value()
    {
        using var dir = new TempDir();
        var big = string.Concat(Enumerable.Repeat("a \"\"quoted\"\", and\nmore ", 20_000));
        var path = dir.Write("big.csv", "step,config\n1,\"" + big + "\"\n2,small\n");

        var result = Read(path);

        Assert.Empty(TextCellIssues.Others(result.Issues));
        Assert.Equal([1L, 2L], result.Steps);
        Assert.Equal(big.Replace("\"\"", "\"", StringComparison.Ordinal), result.Rows[0].Texts["config"]);
    }

    [Fact]
    public void Empty_and_header_only_files_have_no_rows_and_no_issues()
    {
        using var dir = new TempDir();
        var empty = dir.Write("empty.csv", "");
        var headerOnly = dir.Write("header.csv", "step,v\r\n");

        Assert.Empty(Read(empty).Rows);
        Assert.Empty(Read(empty).Issues);
        Assert.Empty(Read(headerOnly).Rows);
        Assert.Empty(Read(headerOnly).Issues);
        Assert.Null(Read(headerOnly).Last);
    }

    [Fact]
    public void Random_damage_never_throws_or_hangs_and_never_invents_rows()
    {
        var random = new Random(7);
        var clean = Encoding.UTF8.GetBytes("step,v,name\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"{i},{i},\"n,{i}\"\n")));
        for (var trial = 0; trial < 200; trial++)
        {
            using var dir = new TempDir();
            var bytes = clean.ToList();
            for (var k = random.Next(1, 6); k > 0; k--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(3))
                {
                    case 0: bytes[at] = (byte)"\",\n\r x"[random.Next(6)]; break;
                    case 1: bytes.RemoveRange(at, Math.Min(random.Next(1, 50), bytes.Count - at)); break;
                    default: bytes.InsertRange(at, Encoding.UTF8.GetBytes("\"\n,")); break;
                }
            }
            var path = dir.File("d.csv");
            File.WriteAllBytes(path, bytes.ToArray());

            var result = Read(path);

            Assert.InRange(result.Rows.Count, 0, 300 + 10);
            Assert.All(result.Issues, i => Assert.Equal(path, i.File));
        }
    }
}
