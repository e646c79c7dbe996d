using System.Globalization;

namespace LocalFunctionsHost.Cli;

/// <summary>
/// The host's console, formatted like Core Tools (<c>[UTC time] message</c>). One writer and one lock, so lines from the
/// worker's log stream, the HTTP side and the timers never interleave mid-line.
/// </summary>
internal sealed class ConsoleLog(bool verbose)
{
    private readonly Lock _lock = new();

    public bool Verbose { get; } = verbose;

    public void Info(string message) => Write(Console.Out, message);

    public void Detail(string message)
    {
        if (Verbose)
        {
            Write(Console.Out, message);
        }
    }

    public void Warn(string message) => Write(Console.Out, message);

    public void Error(string message) => Write(Console.Error, message);

    /// <summary>A line without a timestamp (the function list at start).</summary>
    public void Plain(string message)
    {
        lock (_lock)
        {
            Console.Out.WriteLine(message);
        }
    }

    private void Write(TextWriter writer, string message)
    {
        var stamp = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        lock (_lock)
        {
            writer.WriteLine($"[{stamp}] {message}");
        }
    }
}
