namespace RunLens.Notebooks;

/// <summary>One output of a cell, in Jupyter's kinds.</summary>
public abstract record CellOutput;

/// <summary>
/// A value shown by <c>display(x)</c> (<see cref="IsResult"/> false, Jupyter's <c>display_data</c>) or as the cell's
/// trailing expression (true, <c>execute_result</c>). <see cref="Data"/> maps MIME types to text, for example
/// <c>text/html</c> and <c>text/plain</c>.
/// </summary>
public sealed record DisplayOutput(IReadOnlyDictionary<string, string> Data, bool IsResult) : CellOutput;

/// <summary>Text written to <c>stdout</c> or <c>stderr</c> (Jupyter's <c>stream</c>).</summary>
public sealed record StreamOutput(string Name, string Text) : CellOutput;

/// <summary>A failure (Jupyter's <c>error</c>): the exception's type name, message and the lines of its trace.</summary>
/// <param name="Name">The error's type, for example <c>CompilationErrorException</c>.</param>
/// <param name="Message">What went wrong, with the line in the cell when known.</param>
/// <param name="Traceback">Lines explaining where.</param>
public sealed record ErrorOutput(string Name, string Message, IReadOnlyList<string> Traceback) : CellOutput;
