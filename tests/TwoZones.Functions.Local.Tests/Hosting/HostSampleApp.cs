using TwoZones.Testing;

namespace TwoZones.Functions.Local.Tests.Hosting;

/// <summary>Starts tests/Samples/HostSample (the official Program.cs template) as a child process on a free port.</summary>
internal static class HostSampleApp
{
    public const string YearlySchedule = "0 0 0 1 1 *";
    public const string EveryTwoSeconds = "*/2 * * * * *";

    public static string DllPath => ChildHost.FindBuiltApp("HostSample");

    /// <summary>The environment for one host: its storage, a host id (isolates timer state), and the timer schedule.</summary>
    public static Dictionary<string, string> Environment(string storage, string hostId, string schedule = YearlySchedule) => new()
    {
        ["AzureWebJobsStorage"] = storage,
        ["AzureFunctionsWebHost__hostid"] = hostId,
        ["SampleTimerSchedule"] = schedule,
        ["DOTNET_ENVIRONMENT"] = "Development",
    };

    public static Task<ChildHost> StartAsync(string storage, string hostId, string schedule = YearlySchedule, int? port = null)
        => ChildHost.StartAsync(DllPath, Environment(storage, hostId, schedule), port ?? AzuriteInstance.FreePort(), TimeSpan.FromSeconds(60));
}
