using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace LocalFunctionsHost.Http;

/// <summary>
/// Gives the responses Kestrel writes itself, for requests it rejects before any application code runs (an encoded NUL in
/// the path, a malformed request line or header, a request line or headers over the limits), an
/// <c>application/problem+json</c> body like every other error; Kestrel sends them with no body at all.
/// </summary>
/// <remarks>
/// Kestrel has no hook for these responses, so this watches what a connection writes. Such a response is recognisable: an
/// error status, <c>Content-Length: 0</c> and <c>Connection: close</c>, after which the connection ends. A write that looks
/// like one is held back until the next write (then passed on unchanged) or the end of the connection (then replaced).
/// </remarks>
internal static class RejectionProblemConnection
{
    private const int MaxHeaderBlock = 1024;
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] EmptyBody = "\r\nContent-Length: 0\r\n"u8.ToArray();
    private static readonly byte[] Close = "\r\nConnection: close\r\n"u8.ToArray();

    /// <summary>Adds the rewriting to every connection of <paramref name="listen"/>.</summary>
    public static void UseRejectionProblems(this ListenOptions listen) => listen.Use(next => async connection =>
    {
        var transport = connection.Transport;
        var written = new Pipe();
        connection.Transport = new Duplex(transport.Input, written.Writer);
        var pump = PumpAsync(written.Reader, transport.Output);
        try
        {
            await next(connection);
        }
        finally
        {
            await written.Writer.CompleteAsync();
            await pump;
            connection.Transport = transport;
        }
    });

    private static async Task PumpAsync(PipeReader reader, PipeWriter output)
    {
        byte[]? held = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                if (held is not null && (!buffer.IsEmpty || !result.IsCompleted))
                {
                    await output.WriteAsync(held);
                    held = null;
                }

                if (!buffer.IsEmpty)
                {
                    if (IsBodylessRejection(buffer))
                    {
                        held = buffer.ToArray();
                    }
                    else
                    {
                        foreach (var segment in buffer)
                        {
                            await output.WriteAsync(segment);
                        }
                    }
                }

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    if (held is not null)
                    {
                        await output.WriteAsync(WithProblemBody(held));
                    }

                    break;
                }
            }

            await reader.CompleteAsync();
        }
        catch (Exception e) when (e is IOException or ConnectionResetException or InvalidOperationException)
        {
            // The peer went away; there is nobody left to answer.
            await reader.CompleteAsync(e);
        }
    }

    private static bool IsBodylessRejection(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length > MaxHeaderBlock)
        {
            return false;
        }

        var bytes = buffer.ToArray().AsSpan();
        return (bytes.StartsWith("HTTP/1.1 4"u8) || bytes.StartsWith("HTTP/1.1 5"u8))
            && bytes.EndsWith(HeaderEnd)
            && bytes.IndexOf(EmptyBody) >= 0
            && bytes.IndexOf(Close) >= 0;
    }

    private static byte[] WithProblemBody(byte[] response)
    {
        var head = Encoding.ASCII.GetString(response);
        var statusLine = head[..head.IndexOf("\r\n", StringComparison.Ordinal)];
        var parts = statusLine.Split(' ', 3);
        var status = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var title = parts.Length > 2 ? parts[2] : "Bad Request";
        var body = Encoding.UTF8.GetBytes(
            $$"""{"type":"about:blank","title":"{{title}}","status":{{status}},"detail":"The request was rejected before reaching the application: its request line, target or headers are malformed or too large."}""");
        var headers = head.Replace(
            "\r\nContent-Length: 0\r\n",
            $"\r\nContent-Type: application/problem+json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nContent-Length: {body.Length}\r\n",
            StringComparison.Ordinal);
        return [.. Encoding.ASCII.GetBytes(headers), .. body];
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}
