namespace RunLens.Formats.Numpy;

/// <summary>A standalone <c>.npy</c> file (<c>np.save</c>): one array.</summary>
internal static class NpyFile
{
    /// <summary>
    /// Reads the array; null with an issue (file, byte offset, what is wrong) when it is cut short, corrupt, an object
    /// array or of a dtype RunLens does not read. The array's name is the file name without <c>.npy</c>.
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static NpyArray? Read(string path, List<LoadIssue> issues)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        var name = Path.GetFileNameWithoutExtension(path);
        try
        {
            var header = NpyHeader.Read(stream);
            if (!header.DType.IsNumeric)
            {
                issues.Add(new LoadIssue(path, 0, null, NpzArchive.NotNumeric(header.DType)));
                return null;
            }
            var array = NpyArray.Read(stream, header, name, stream.Length - header.DataOffset);
            return new NpyArray(array.Name, array.DType, array.Shape, array.Data) { FileOffset = header.DataOffset };
        }
        catch (NpyFormatException ex)
        {
            issues.Add(new LoadIssue(path, ex.Position, null, $"{ex.Message}; the array is not loaded"));
            return null;
        }
    }
}
