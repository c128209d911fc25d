namespace RunLens;

/// <summary>Thrown when a path cannot be loaded at all; the message says what was expected.</summary>
public sealed class RunLoadException : Exception
{
    /// <summary>Creates the exception with a message that says what to do.</summary>
    public RunLoadException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public RunLoadException(string message, Exception inner) : base(message, inner) { }
}
