using System.Net;
using System.Net.Sockets;

namespace TwoZones.Testing;

/// <summary>Loopback ports for test processes: handing out free ones, and probing whether a child process listens or has let go.</summary>
internal static class Loopback
{
    // A marker younger than this keeps its port from being handed out again; a whole test run takes far less.
    private static readonly TimeSpan ReservationLifetime = TimeSpan.FromHours(2);

    /// <summary>
    /// A loopback port that nothing listens on and that no other test process on this machine has been given lately.
    /// </summary>
    /// <remarks>
    /// A port is only free when it is picked; the child process binds it seconds later. A port from the kernel's ephemeral
    /// range could meanwhile be given by the kernel to anyone binding port 0 (every host's gRPC server does) or to another
    /// test process picking the same way, and the child would then fail to start, or a probe would find the other listener.
    /// So ports are drawn from below that range, and each is marked by a file only one process can create.
    /// </remarks>
    public static int FreePort()
    {
        if (BelowEphemeralRange() is var (low, high) && high - low >= 1000)
        {
            var markers = Path.Combine(Path.GetTempPath(), "twozones-test-ports");
            Directory.CreateDirectory(markers);
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(low, high);
                if (Reserve(Path.Combine(markers, port.ToString(System.Globalization.CultureInfo.InvariantCulture))) && CanListen(port))
                {
                    return port;
                }
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether something accepts a TCP connection on 127.0.0.1:<paramref name="port"/> now.</summary>
    public static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);

            // With nothing listening on a port in the ephemeral range, the kernel can pick that very port as the probe's own source
            // and connect the socket to itself; that is no listener.
            return !Equals(client.Client.LocalEndPoint, client.Client.RemoteEndPoint);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool Reserve(string marker)
    {
        try
        {
            if (File.Exists(marker) && DateTime.UtcNow - File.GetLastWriteTimeUtc(marker) > ReservationLifetime)
            {
                File.Delete(marker);
            }

            using (File.Open(marker, FileMode.CreateNew, FileAccess.Write))
            {
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool CanListen(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // Linux only; elsewhere (or with an unusual range) the kernel's own choice is used.
    private static (int Low, int High)? BelowEphemeralRange()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var ephemeralLow = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
            return (Math.Max(12000, ephemeralLow - 12000), ephemeralLow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
