using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TwoZones.Functions.Hosting;

/// <summary>Runs the app, turning bad settings into one line on stderr and exit code 1 instead of a stack trace.</summary>
internal static class HostRunExtensions
{
    /// <summary>Runs <paramref name="host"/> until it stops; 0 when it ran, 1 when its settings kept it from starting.</summary>
    public static int RunOrExplainSettings(this IHost host)
    {
        try
        {
            host.Run();
            return 0;
        }
        catch (Exception e) when (Failures(e) is { Count: > 0 } failures)
        {
            Console.Error.WriteLine("TwoZones cannot start, a setting is not valid: " + string.Join(" ", failures));
            return 1;
        }
    }

    private static List<string> Failures(Exception e) => e switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException many when many.InnerExceptions.All(i => i is OptionsValidationException) =>
            [.. many.InnerExceptions.SelectMany(i => ((OptionsValidationException)i).Failures)],
        _ => [],
    };
}
