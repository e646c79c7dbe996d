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

            // With nothing listening on a port in the ephemeral range, the kernel can pick that very port as the probe's own source
            // and connect the socket to itself; that is no listener.
            return !Equals(client.Client.LocalEndPoint, client.Client.RemoteEndPoint);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
