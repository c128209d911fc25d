using System.Security.Cryptography;

namespace RunLens.Notebooks;

/// <summary>Reads <c>.ipynb</c> (nbformat 4 with Polyglot metadata) and <c>.dib</c> notebooks into a <see cref="NotebookDocument"/>.</summary>
public static class NotebookReader
{
    /// <summary>Reads a notebook, choosing the format by the file's extension.</summary>
    /// <param name="path">An <c>.ipynb</c> or <c>.dib</c> file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a notebook this reader understands; the message names the file and what is wrong.</exception>
    /// <example><code>var notebook = NotebookReader.Read("notebooks/learning-curves.ipynb");</code></example>
    public static NotebookDocument Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"Notebook not found: {full}", full);
        var bytes = File.ReadAllBytes(full);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var extension = Path.GetExtension(full).ToLowerInvariant();
        return extension switch
        {
            ".ipynb" => IpynbReader.Read(full, bytes, sha),
            ".dib" => DibReader.Read(full, bytes, sha),
            _ => throw new InvalidDataException($"{full}: unknown notebook extension '{extension}'; expected .ipynb or .dib."),
        };
    }
}
