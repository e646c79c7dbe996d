using System.Text.RegularExpressions;
using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

public sealed partial class DurableStartupTests(AzuriteWithBlobs azurite) : IClassFixture<AzuriteWithBlobs>
{
    [Fact]
    public async Task Task_hub_storage_that_does_not_answer_is_one_line_naming_it_and_exit_code_1()
    {
        // Blobs answer (the host's own check passes); the tables and queues the task hub lives in do not.
        var blob = BlobEndpoint().Match(azurite.ConnectionString).Value;
        var dead = AzuriteInstance.FreePort();
        var storage = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteInstance.DevelopmentAccountKey};{blob}" +
                      $"TableEndpoint=http://127.0.0.1:{dead}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{dead}/devstoreaccount1;";
        await using var host = HostProcess.Start(HostProcess.SampleRoot("DurableFunctionsSample"), DurableApp.Settings(storage, DurableApp.NewHub("down")), AzuriteInstance.FreePort());

        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        var line = Assert.Single(host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), l => l.Contains("could not start", StringComparison.Ordinal));
        Assert.Contains("Durable Functions", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Host started", host.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex("BlobEndpoint=[^;]+;")]
    private static partial Regex BlobEndpoint();
}
