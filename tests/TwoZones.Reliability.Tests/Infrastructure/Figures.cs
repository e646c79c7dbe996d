using TwoZones.Testing;
using Xunit.Abstractions;

namespace TwoZones.Reliability.Tests.Infrastructure;

/// <summary>Where the suite reports what it measured: the test output, and <c>TestResults/reliability-figures.txt</c> for docs/reliability.md.</summary>
public static class Figures
{
    private static readonly Lock Gate = new();

    /// <summary>Writes one line of figures.</summary>
    public static void Report(ITestOutputHelper output, string line)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(line);
        var folder = Path.Combine(RepositoryRoot.Find(), "TestResults");
        Directory.CreateDirectory(folder);
        lock (Gate)
        {
            File.AppendAllText(Path.Combine(folder, "reliability-figures.txt"), $"{DateTimeOffset.UtcNow:u} {line}{Environment.NewLine}");
        }
    }
}
