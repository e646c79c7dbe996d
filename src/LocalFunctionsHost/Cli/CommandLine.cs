using System.Globalization;

namespace LocalFunctionsHost.Cli;

/// <summary>The command line, in Core Tools' spelling: <c>start [--script-root DIR] [--port N] [--verbose]</c>.</summary>
/// <param name="ScriptRoot">The app's build output (defaults to the current directory, as <c>func start</c> does).</param>
/// <param name="Port">The HTTP port when given; it wins over <c>local.settings.json</c>.</param>
/// <param name="Verbose">Show every log line of the host and the worker.</param>
internal sealed record CommandLine(string ScriptRoot, int? Port, bool Verbose)
{
    public const string Usage = "Usage: func start [--script-root <dir>] [--port <port>] [--verbose]";

    public static CommandLine? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        if (args.Count == 0 || args[0] != "start")
        {
            error = Usage;
            return null;
        }

        string root = Directory.GetCurrentDirectory();
        int? port = null;
        var verbose = false;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            string? Next() => i + 1 < args.Count ? args[++i] : null;
            switch (arg)
            {
                case "--script-root":
                    root = Next() ?? "";
                    break;
                case "--port" or "-p":
                    if (!int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
                    {
                        error = "--port needs a number between 1 and 65535.";
                        return null;
                    }

                    port = p;
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                default:
                    error = $"Unknown option '{arg}'. {Usage}";
                    return null;
            }
        }

        if (root.Length == 0 || !Directory.Exists(root))
        {
            error = $"The script root '{root}' does not exist.";
            return null;
        }

        return new CommandLine(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar), port, verbose);
    }
}
