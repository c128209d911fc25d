using System.Buffers;

namespace RunLens.Formats.Numpy;

/// <summary>
/// A numeric NumPy array read into doubles, always in C (row-major) order whatever the file's
/// <c>fortran_order</c>: element <c>[i, j]</c> of a <c>[n, m]</c> array is <c>Data[i * m + j]</c>. Integers beyond
/// 2^53 lose precision as doubles; no RL log field needs more (timesteps, lengths and actions are far smaller).
/// </summary>
internal sealed class NpyArray
{
    public NpyArray(string name, NpyDType dtype, int[] shape, double[] data)
    {
        Name = name;
        DType = dtype;
        Shape = shape;
        Data = data;
        RowSize = shape.Skip(1).Aggregate(1, (n, d) => n * d);
    }

    /// <summary>The array's name: the member name without <c>.npy</c> in an <c>.npz</c>, the file name for a <c>.npy</c>.</summary>
    public string Name { get; }

    /// <summary>The element type as stored.</summary>
    public NpyDType DType { get; }

    /// <summary>The dimensions (empty for a scalar).</summary>
    public int[] Shape { get; }

    /// <summary>The elements in C order.</summary>
    public double[] Data { get; }

    /// <summary>
    /// Where the array's data starts in its file, for problem reports and record offsets; for a deflated
    /// <c>.npz</c> member, where the member starts (its bytes have no file offsets).
    /// </summary>
    public long FileOffset { get; init; }

    /// <summary>True when the data was deflated in the file (so <see cref="FileOffset"/> is the member's start).</summary>
    public bool Compressed { get; init; }

    /// <summary>The file offset of row <paramref name="i"/> of the first dimension, when the data is stored uncompressed.</summary>
    public long OffsetOfRow(int i) => Compressed ? FileOffset : FileOffset + ((long)i * RowSize * DType.ItemSize);

    /// <summary>The number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>The size of the first dimension (1 for a scalar).</summary>
    public int Length => Rank == 0 ? 1 : Shape[0];

    /// <summary>The elements per index of the first dimension (the product of the other dimensions).</summary>
    public int RowSize { get; }

    /// <summary>The elements of row <paramref name="i"/> of the first dimension.</summary>
    public ReadOnlySpan<double> Row(int i) => Data.AsSpan(i * RowSize, RowSize);

    /// <summary>Element <c>[i, j]</c> of a 2-D array.</summary>
    public double At(int i, int j) => Data[(i * Shape[1]) + j];

    /// <summary>Element <c>[i, j, k]</c> of a 3-D array.</summary>
    public double At(int i, int j, int k) => Data[(((i * Shape[1]) + j) * Shape[2]) + k];

    /// <summary>
    /// Reads the data that follows <paramref name="header"/> in <paramref name="stream"/>, in chunks, so only the
    /// resulting doubles are held. <paramref name="available"/> (the bytes left in the member, when known) is checked
    /// before allocating, so a corrupt shape cannot ask for gigabytes.
    /// </summary>
    /// <exception cref="NpyFormatException">The data is cut short, or too large (with the position in the .npy bytes).</exception>
    /// <exception cref="IOException">The stream cannot be read (a corrupt deflate stream is reported as this).</exception>
    public static NpyArray Read(Stream stream, NpyHeader header, string name, long? available)
    {
        var dtype = header.DType;
        var bytes = header.DataBytes;
        var count = header.Count;
        if (bytes < 0 || count > Array.MaxLength)
            throw new NpyFormatException($"shape {header.ShapeText} is too large to load", header.DataOffset);
        if (available is { } left && left < bytes)
            throw new NpyFormatException(
                FormattableString.Invariant($"the data is cut short: {left} of {bytes} bytes for shape {header.ShapeText} of {dtype}"),
                header.DataOffset + left);
        var data = new double[count];
        var itemSize = dtype.ItemSize;
        var chunkItems = Math.Max(1, (1 << 16) / itemSize);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkItems * itemSize);
        try
        {
            long done = 0;
            while (done < count)
            {
                var items = (int)Math.Min(chunkItems, count - done);
                var want = items * itemSize;
                var got = stream.ReadAtLeast(buffer.AsSpan(0, want), want, throwOnEndOfStream: false);
                if (got < want)
                {
                    var at = done * itemSize + got;
                    throw new NpyFormatException(
                        FormattableString.Invariant($"the data is cut short: {at} of {bytes} bytes for shape {header.ShapeText} of {dtype}"),
                        header.DataOffset + at);
                }
                dtype.Decode(buffer.AsSpan(0, want), data.AsSpan((int)done, items));
                done += items;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        var shape = header.Shape.Select(d => (int)d).ToArray();
        return new NpyArray(name, dtype, shape, header.FortranOrder && shape.Length > 1 ? ToCOrder(data, shape) : data);
    }

    /// <summary>Reorders column-major data (first index fastest) into row-major (last index fastest).</summary>
    private static double[] ToCOrder(double[] fortran, int[] shape)
    {
        var result = new double[fortran.Length];
        var rank = shape.Length;
        var cStrides = new int[rank];
        var stride = 1;
        for (var k = rank - 1; k >= 0; k--)
        {
            cStrides[k] = stride;
            stride *= shape[k];
        }
        var index = new int[rank];
        var c = 0;
        for (var f = 0; f < fortran.Length; f++)
        {
            result[c] = fortran[f];
            // Advance the multi-index with the first dimension fastest, keeping the C offset in step.
            for (var k = 0; k < rank; k++)
            {
                if (++index[k] < shape[k])
                {
                    c += cStrides[k];
                    break;
                }
                c -= (shape[k] - 1) * cStrides[k];
                index[k] = 0;
            }
        }
        return result;
    }
}
