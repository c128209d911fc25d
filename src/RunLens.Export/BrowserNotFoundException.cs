namespace RunLens;

/// <summary>No Chromium-family browser could be found or started; the message says how to install or name one.</summary>
public sealed class BrowserNotFoundException : Exception
{
    /// <summary>An exception with the message.</summary>
    public BrowserNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with the message and its cause.</summary>
    public BrowserNotFoundException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>An exception with the standard message.</summary>
    public BrowserNotFoundException()
        : base(ChromiumLocator.InstallHint)
    {
    }
}
