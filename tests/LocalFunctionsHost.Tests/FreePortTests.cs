using System.Net;
using System.Net.Sockets;
using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

/// <summary>The ports every test host and Azurite is started on: free, bindable, and never one the kernel hands out by itself.</summary>
public sealed class FreePortTests
{
    [Fact]
    public void Ports_are_distinct_bindable_and_below_the_kernels_ephemeral_range()
    {
        var ephemeralLow = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var ports = Enumerable.Range(0, 50).Select(_ => AzuriteInstance.FreePort()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 1024, ephemeralLow - 1));
        foreach (var port in ports)
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
    }

    [Fact]
    public void A_given_port_is_marked_so_other_test_processes_pass_it_over()
    {
        var port = AzuriteInstance.FreePort();
        var marker = Path.Combine(Path.GetTempPath(), "twozones-test-ports", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(File.Exists(marker), $"No reservation marker at {marker}");
        Assert.True(DateTime.UtcNow - File.GetLastWriteTimeUtc(marker) < TimeSpan.FromMinutes(1));
    }
}
