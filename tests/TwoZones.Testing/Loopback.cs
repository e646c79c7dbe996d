using System.Net;
using System.Net.Sockets;

namespace TwoZones.Testing;

/// <summary>Probes of loopback ports, for waiting on a child process to listen or to let go.</summary>
internal static class Loopback
{
    /// <summary>Whether something accepts a TCP connection on 127.0.0.1:<paramref name="port"/> now.</summary>
    public static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
