using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TwoZones.Bench.Workflows;

/// <summary>
/// What Azurite's TCP connections on one port receive over a window, from <c>ss -tin</c> (tcp_info) sampled by the caller about once a second:
/// data segments (a small request such as a query arrives in one, so the count approximates requests) and bytes. Sampling often matters:
/// Azurite (Node) closes a keep-alive connection after 5 s idle, taking its counters with it.
/// </summary>
/// <param name="port">Azurite's port.</param>
public sealed partial class StorageTraffic(int port)
{
    // Per client address: the counters at the first sample (zero for a connection opened later) and at the latest.
    private readonly Dictionary<string, (long Segments, long Bytes, long FirstSegments, long FirstBytes)> _connections = [];
    private bool _sampled;

    /// <summary>Received since the first sample, by the connections seen (up to their last sample).</summary>
    public (long Segments, long Bytes) Received =>
        (_connections.Values.Sum(c => c.Segments - c.FirstSegments), _connections.Values.Sum(c => c.Bytes - c.FirstBytes));

    public async Task SampleAsync()
    {
        var psi = new ProcessStartInfo("ss") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-tinH", "state", "established", $"( sport = :{port.ToString(CultureInfo.InvariantCulture)} )" })
        {
            psi.ArgumentList.Add(arg);
        }

        using var ss = Process.Start(psi) ?? throw new InvalidOperationException("Could not start ss.");
        var output = await ss.StandardOutput.ReadToEndAsync();
        await ss.WaitForExitAsync();

        // Each connection: a line with the addresses, then an indented line of tcp_info counters.
        string? peer = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                peer = columns.Length >= 4 ? columns[3] : null;
            }
            else if (peer is not null && Segments().Match(line) is { Success: true } match)
            {
                var bytes = Bytes().Match(line);
                var segments = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                var received = bytes.Success ? long.Parse(bytes.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
                var first = _connections.TryGetValue(peer, out var known) ? (known.FirstSegments, known.FirstBytes) : _sampled ? (0, 0) : (segments, received);
                _connections[peer] = (segments, received, first.Item1, first.Item2);
                peer = null;
            }
        }

        _sampled = true;
    }

    [GeneratedRegex(@"\bdata_segs_in:(\d+)")]
    private static partial Regex Segments();

    [GeneratedRegex(@"\bbytes_received:(\d+)")]
    private static partial Regex Bytes();
}
