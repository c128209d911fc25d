using RunLens.Formats.Numpy;
using RunLens.TestSupport;
using static RunLens.Tests.Formats.Numpy.NpyFixtures;

namespace RunLens.Tests.Formats.Numpy;

public class NpzArchiveTests
{
    private static readonly string[] Descrs =
    [
        "<f8", "<f4", "<f2", "<i8", "<i4", "<i2", "|i1", "<u8", "<u4", "<u2", "|u1",
        ">f8", ">f4", ">f2", ">i8", ">i4", ">i2", ">u8", ">u4", ">u2",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_numeric_dtype_reads_as_doubles_stored_or_deflated(bool deflate)
    {
        using var dir = new TempDir();
        var members = Descrs.Select(d => (Name: d, Npy: Array(d, [4], Values(d))))
            .Append((Name: "bool", Npy: Npy("|b1", [4], [0, 1, 2, 0])))
            .ToArray();
        var path = dir.File("all.npz");
        File.WriteAllBytes(path, Npz(deflate, members));
        var issues = new List<LoadIssue>();

        using var archive = NpzArchive.Open(path, issues);

        Assert.Equal(members.Select(m => m.Name + ".npy"), archive.Members.Select(m => m.FileName));
        foreach (var descr in Descrs)
        {
            var array = archive.Read(descr, issues)!;
            Assert.Equal([4], array.Shape);
            Assert.Equal(Values(descr), array.Data);
            Assert.Equal(descr[1..], array.DType.Descr[1..]);
        }
        Assert.Equal([0.0, 1, 1, 0], archive.Read("bool", issues)!.Data);
        Assert.Empty(issues);
    }

    [Fact]
    public void Big_endian_bytes_are_read_as_written_by_hand()
    {
        using var dir = new TempDir();
        // 1.5 as a big-endian double is 3F F8 00 ...; -2 as big-endian int32 is FF FF FF FE; 258 as >u2 is 01 02.
        var path = dir.File("be.npz");
        File.WriteAllBytes(path, Npz(false,
            ("d", Npy(">f8", [1], [0x3F, 0xF8, 0, 0, 0, 0, 0, 0])),
            ("i", Npy(">i4", [1], [0xFF, 0xFF, 0xFF, 0xFE])),
            ("u", Npy(">u2", [1], [0x01, 0x02])),
            ("h", Npy("<f2", [1], [0x00, 0x3C]))));
        var issues = new List<LoadIssue>();

        using var archive = NpzArchive.Open(path, issues);

        Assert.Equal([1.5], archive.Read("d", issues)!.Data);
        Assert.Equal([-2.0], archive.Read("i", issues)!.Data);
        Assert.Equal([258.0], archive.Read("u", issues)!.Data);
        Assert.Equal([1.0], archive.Read("h", issues)!.Data);
        Assert.Empty(issues);
    }

    [Fact]
    public void Fortran_order_arrays_come_back_in_C_order()
    {
        using var dir = new TempDir();
        // C order of a [2, 3] array a[i, j] = 10 i + j is 0 1 2 10 11 12; column-major writes 0 10 1 11 2 12.
        var twoD = Array("<i4", [2, 3], [0, 10, 1, 11, 2, 12], fortran: true);
        // [2, 3, 2] with a[i, j, k] = 100 i + 10 j + k, written first index fastest.
        var fortran3 = new List<double>();
        for (var k = 0; k < 2; k++)
            for (var j = 0; j < 3; j++)
                for (var i = 0; i < 2; i++)
                    fortran3.Add((100 * i) + (10 * j) + k);
        var threeD = Array("<f8", [2, 3, 2], [.. fortran3], fortran: true);
        var path = dir.File("f.npz");
        File.WriteAllBytes(path, Npz(true, ("two", twoD), ("three", threeD)));
        var issues = new List<LoadIssue>();

        using var archive = NpzArchive.Open(path, issues);
        var two = archive.Read("two", issues)!;
        var three = archive.Read("three", issues)!;

        Assert.Equal([0.0, 1, 2, 10, 11, 12], two.Data);
        Assert.Equal(12.0, two.At(1, 2));
        Assert.Equal([2, 3, 2], three.Shape);
        Assert.Equal(121.0, three.At(1, 2, 1));
        Assert.Equal(Enumerable.Range(0, 12).Select(n => (double)((100 * (n / 6)) + (10 * (n / 2 % 3)) + (n % 2))), three.Data);
        Assert.Empty(issues);
    }

    [Fact]
    public void Version_2_and_3_headers_scalars_and_python2_long_shapes_are_read()
    {
        using var dir = new TempDir();
        var path = dir.File("v.npz");
        File.WriteAllBytes(path, Npz(false,
            ("v2", Npy("<f8", [2], Encode("<f8", [1.25, -3]), version: 2)),
            ("v3", Npy("<i2", [1], Encode("<i2", [7]), version: 3)),
            ("scalar", Npy("<f8", [], Encode("<f8", [42]), shapeText: "()")),
            ("py2", Npy("<u1", [2, 1], [5, 6], shapeText: "(2L, 1L)")),
            ("empty", Npy("<f8", [0, 3], [], shapeText: "(0, 3)"))));
        var issues = new List<LoadIssue>();

        using var archive = NpzArchive.Open(path, issues);

        Assert.Equal([1.25, -3], archive.Read("v2", issues)!.Data);
        Assert.Equal([7.0], archive.Read("v3", issues)!.Data);
        var scalar = archive.Read("scalar", issues)!;
        Assert.Empty(scalar.Shape);
        Assert.Equal([42.0], scalar.Data);
        Assert.Equal([2, 1], archive.Read("py2", issues)!.Shape);
        Assert.Empty(archive.Read("empty", issues)!.Data);
        Assert.Empty(issues);
    }

    [Fact]
    public void A_truncated_array_is_reported_with_file_array_and_offset_and_the_others_load()
    {
        using var dir = new TempDir();
        // 'results' claims [3, 4] float64 (96 bytes) but holds 40: the header is right, the data is cut.
        var cut = Npy("<f8", [3, 4], Encode("<f8", [1, 2, 3, 4, 5]));
        var zip = Npz(false, ("timesteps", Array("<i8", [3], [1, 2, 3])), ("results", cut), ("after", Array("<f4", [1], [9])));
        var path = dir.File("cut.npz");
        File.WriteAllBytes(path, zip);
        var issues = new List<LoadIssue>();

        using var archive = NpzArchive.Open(path, issues);
        var results = archive.Read("results", issues);

        Assert.Null(results);
        var issue = Assert.Single(issues);
        Assert.Equal(path, issue.File);
        Assert.Equal(MemberDataOffset(zip, 1) + NpyDataStart(cut) + 40, issue.Offset);
        Assert.Contains("array 'results' (results.npy)", issue.Message);
        Assert.Contains("cut short: 40 of 96 bytes for shape (3, 4) of <f8", issue.Message);
        Assert.Equal([1.0, 2, 3], archive.Read("timesteps", issues)!.Data);
        Assert.Equal([9.0], archive.Read("after", issues)!.Data);
        Assert.Single(issues);
    }

    [Fact]
    public void A_file_cut_inside_its_zip_keeps_the_whole_arrays_before_the_cut()
    {
        using var dir = new TempDir();
        var second = Array("<f8", [100], Enumerable.Range(0, 100).Select(i => (double)i).ToArray());
        var zip = Npz(false, ("timesteps", Array("<i8", [2], [5, 10])), ("results", second));
        var cutAt = (int)MemberDataOffset(zip, 1) + NpyDataStart(second) + 80;
        var path = dir.File("killed.npz");
        File.WriteAllBytes(path, zip[..cutAt]);
        var issues = new List<LoadIssue>();

        using var archive = NpzArchive.Open(path, issues);

        Assert.Equal(["timesteps", "results"], archive.Members.Select(m => m.Name));
        var directory = Assert.Single(issues);
        Assert.Contains("no zip end record (the file was cut short?)", directory.Message);
        Assert.Equal([5.0, 10], archive.Read("timesteps", issues)!.Data);
        Assert.Null(archive.Read("results", issues));
        Assert.Equal(cutAt, issues[^1].Offset);
        Assert.Contains("array 'results' (results.npy): the data is cut short", issues[^1].Message);
    }

    [Fact]
    public void A_flipped_byte_fails_the_checksum_of_its_array_only()
    {
        using var dir = new TempDir();
        var first = Array("<f8", [2], [1, 2]);
        var zip = Npz(false, ("a", first), ("b", Array("<f8", [2], [3, 4])));
        var flipped = MemberDataOffset(zip, 0) + NpyDataStart(first) + 3;
        zip[flipped] ^= 0x40;
        var path = dir.File("flip.npz");
        File.WriteAllBytes(path, zip);
        var issues = new List<LoadIssue>();

        using var archive = NpzArchive.Open(path, issues);

        Assert.Null(archive.Read("a", issues));
        var issue = Assert.Single(issues);
        Assert.Contains("array 'a' (a.npy): checksum mismatch", issue.Message);
        Assert.Equal(MemberDataOffset(zip, 0) + NpyDataStart(first), issue.Offset);
        Assert.Equal([3.0, 4], archive.Read("b", issues)!.Data);
    }

    [Fact]
    public void Object_arrays_are_not_decoded_and_say_so()
    {
        using var dir = new TempDir();
        // The pickle bytes do not matter: an object array is never unpickled.
        var zip = Npz(true, ("infos", Npy("|O", [2], [0x80, 0x04, 0x95])), ("rews", Array("<f8", [2], [1, 1])));
        var path = dir.File("obj.npz");
        File.WriteAllBytes(path, zip);
        var issues = new List<LoadIssue>();

        using var archive = NpzArchive.Open(path, issues);

        Assert.Equal(NpyKind.Object, archive.ReadHeader(archive.Find("infos")!, issues)!.DType.Kind);
        Assert.Null(archive.Read("infos", issues));
        Assert.Contains("array 'infos' (infos.npy): object array (pickled Python objects) not read", Assert.Single(issues).Message);
        Assert.Equal([1.0, 1], archive.Read("rews", issues)!.Data);
    }

    [Fact]
    public void Unsupported_dtypes_and_broken_headers_are_issues()
    {
        using var dir = new TempDir();
        var zip = Npz(false,
            ("text", Npy("<U5", [1], new byte[20])),
            ("complex", Npy("<c16", [1], new byte[16])),
            ("garbage", "not an npy at all"u8.ToArray()),
            ("ok", Array("<f8", [1], [1])));
        var path = dir.File("odd.npz");
        File.WriteAllBytes(path, zip);
        var issues = new List<LoadIssue>();

        using var archive = NpzArchive.Open(path, issues);

        Assert.Null(archive.Read("text", issues));
        Assert.Null(archive.Read("complex", issues));
        Assert.Null(archive.Read("garbage", issues));
        Assert.Equal([1.0], archive.Read("ok", issues)!.Data);
        Assert.Collection(issues,
            i => Assert.Contains("dtype '<U5' is not a number type", i.Message),
            i => Assert.Contains("dtype '<c16' is not a number type", i.Message),
            i => Assert.Contains("array 'garbage' (garbage.npy): not a .npy array", i.Message));
        Assert.Equal(MemberDataOffset(zip, 2), issues[2].Offset);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_loads_nothing_and_says_why()
    {
        using var dir = new TempDir();
        var path = dir.Write("fake.npz", "hello, this is not a zip file at all");
        var issues = new List<LoadIssue>();

        using var archive = NpzArchive.Open(path, issues);

        Assert.Empty(archive.Members);
        Assert.Contains("not a readable .npz", Assert.Single(issues).Message);
    }

    [Fact]
    public void A_standalone_npy_file_reads_and_a_cut_one_names_the_offset()
    {
        using var dir = new TempDir();
        var whole = Array("<f4", [2, 2], [1, 2, 3, 4]);
        var path = dir.File("whole.npy");
        File.WriteAllBytes(path, whole);
        var cutPath = dir.File("cut.npy");
        File.WriteAllBytes(cutPath, whole[..^3]);
        var issues = new List<LoadIssue>();

        var array = NpyFile.Read(path, issues)!;
        var cut = NpyFile.Read(cutPath, issues);

        Assert.Equal("whole", array.Name);
        Assert.Equal([1.0, 2, 3, 4], array.Data);
        Assert.Null(cut);
        var issue = Assert.Single(issues);
        Assert.Equal(cutPath, issue.File);
        Assert.Equal(whole.Length - 3, issue.Offset);
        Assert.Contains("cut short: 13 of 16 bytes for shape (2, 2) of <f4", issue.Message);
    }

    private static double[] Values(string descr) => descr[1] switch
    {
        'f' => [0, 1.5, -2.25, 1024],
        'i' => [0, 1, -2, 100],
        _ => [0, 1, 2, 200],
    };
}
