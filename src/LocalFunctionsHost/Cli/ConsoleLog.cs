using System.Globalization;

namespace LocalFunctionsHost.Cli;

/// <summary>
/// The host's console, formatted like Core Tools (<c>[UTC time] message</c>). One writer and one lock, so lines from the
/// worker's log stream, the HTTP side and the timers never interleave mid-line.
/// </summary>
internal sealed partial class ConsoleLog(bool verbose)
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
            Console.Out.WriteLine(Redact(message));
        }
    }

    /// <summary>Hides function keys in a line: a <c>code</c> query parameter's value and an <c>x-functions-key</c> header's value.</summary>
    public static string Redact(string message) =>
        message.Contains("code=", StringComparison.OrdinalIgnoreCase) || message.Contains("x-functions-key", StringComparison.OrdinalIgnoreCase)
            ? Key().Replace(message, "$1[Hidden Credential]")
            : message;

    [System.Text.RegularExpressions.GeneratedRegex(@"((?:[?&]code=)|(?:x-functions-key[""']?\s*[:=]\s*[""']?))[^&\s""',;]+", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Key();

    private void Write(TextWriter writer, string message)
    {
        // Worker logs pass through here too, and an app may log a request URL; keys never reach the console.
        message = Redact(message);
        var stamp = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        lock (_lock)
        {
            writer.WriteLine($"[{stamp}] {message}");
        }
    }
}
