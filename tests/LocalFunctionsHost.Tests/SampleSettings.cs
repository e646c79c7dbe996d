namespace LocalFunctionsHost.Tests;

/// <summary>Environment for running the sample app.</summary>
public static class SampleSettings
{
    /// <summary>A date no test reaches.</summary>
    public const string Never = "0 0 0 1 1 *";

    public static Dictionary<string, string> For(string storage, string tickSchedule = Never, string? hostId = null)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = storage,
            ["SAMPLE_TICK_SCHEDULE"] = tickSchedule,
            ["AzureFunctionsJobHost__id"] = hostId ?? "lfh-" + Guid.NewGuid().ToString("N")[..12],
        };
        return env;
    }
}
