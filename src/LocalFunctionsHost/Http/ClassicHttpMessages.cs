using System.Globalization;
using Google.Protobuf;
using LocalFunctionsHost.Protos;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LocalFunctionsHost.Http;

/// <summary>
/// The classic isolated HTTP model (a worker without the <c>HttpUri</c> capability): the whole request goes to the worker
/// inside the invocation as an <see cref="RpcHttp"/>, and the response comes back the same way in the function's HTTP output.
/// </summary>
internal static class ClassicHttpMessages
{
    /// <summary>The request as the worker's <c>HttpRequestData</c> expects it; the body is read in full first.</summary>
    public static async Task<TypedData> ToRpcAsync(HttpRequest request, bool nullableValues, CancellationToken cancellationToken)
    {
        var http = new RpcHttp
        {
            Method = request.Method,
            Url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}",
        };

        foreach (var (name, values) in request.Headers)
        {
            // Header names are case-insensitive; the worker looks them up case-insensitively but the Functions host sends
            // them lowercased, which apps that enumerate headers may have come to rely on.
            Add(http.Headers, http.NullableHeaders, name.ToLowerInvariant(), values.ToString(), nullableValues);
        }

        foreach (var (name, values) in request.Query)
        {
            Add(http.Query, http.NullableQuery, name, values.ToString(), nullableValues);
        }

        foreach (var (name, value) in request.RouteValues)
        {
            if (value is not null)
            {
                Add(http.Params, http.NullableParams, name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", nullableValues);
            }
        }

        // The worker reads the body only as bytes (it refuses a string body), so it always goes as bytes, empty included.
        using var buffer = request.ContentLength is { } length and <= int.MaxValue ? new MemoryStream((int)length) : new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        http.Body = new TypedData { Bytes = UnsafeByteOperations.UnsafeWrap(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)) };
        return new TypedData { Http = http };
    }

    /// <summary>Writes the function's HTTP output: an <see cref="RpcHttp"/>, or a plain value as a 200 body, or nothing as a 204.</summary>
    public static async Task WriteAsync(HttpResponse response, TypedData? output, CancellationToken cancellationToken)
    {
        if (output is null || output.DataCase == TypedData.DataOneofCase.None)
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        if (output.DataCase != TypedData.DataOneofCase.Http)
        {
            // A function whose HTTP output is a bare value: it becomes the body, typed by what it is.
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = output.DataCase switch
            {
                TypedData.DataOneofCase.Json => "application/json; charset=utf-8",
                TypedData.DataOneofCase.Bytes or TypedData.DataOneofCase.Stream => "application/octet-stream",
                _ => "text/plain; charset=utf-8",
            };
            await WriteBodyAsync(response, Body(output), cancellationToken);
            return;
        }

        var http = output.Http;
        response.StatusCode = http.StatusCode.Length == 0 ? StatusCodes.Status200OK
            : int.TryParse(http.StatusCode, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 100 and <= 999 ? status
            : throw new FormatException($"The function's response has status code '{http.StatusCode}'.");

        foreach (var (name, value) in http.Headers)
        {
            // Kestrel frames the body itself; a length or transfer coding from the function could only contradict it.
            if (string.Equals(name, HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // The worker joins a header's several values with commas, which is what HTTP itself means by several values.
            response.Headers.Append(name, value);
        }

        foreach (var cookie in http.Cookies)
        {
            response.Headers.Append(HeaderNames.SetCookie, ToSetCookie(cookie));
        }

        var body = Body(http.Body);
        // 1xx, 204 and 304 responses have no body, and Kestrel refuses a write to one.
        if (response.StatusCode is < 200 or StatusCodes.Status204NoContent or StatusCodes.Status304NotModified)
        {
            return;
        }

        await WriteBodyAsync(response, body, cancellationToken);
    }

    private static void Add(Google.Protobuf.Collections.MapField<string, string> plain, Google.Protobuf.Collections.MapField<string, NullableString> nullable, string name, string value, bool nullableValues)
    {
        if (nullableValues)
        {
            nullable[name] = new NullableString { Value = value };
        }
        else if (value.Length > 0)
        {
            // The plain maps cannot hold an empty value: protobuf map values must be present, and older workers drop them.
            plain[name] = value;
        }
    }

    private static ReadOnlyMemory<byte> Body(TypedData? body) => body?.DataCase switch
    {
        TypedData.DataOneofCase.Bytes => body.Bytes.Memory,
        TypedData.DataOneofCase.Stream => body.Stream.Memory,
        TypedData.DataOneofCase.String => System.Text.Encoding.UTF8.GetBytes(body.String),
        TypedData.DataOneofCase.Json => System.Text.Encoding.UTF8.GetBytes(body.Json),
        TypedData.DataOneofCase.Int => System.Text.Encoding.UTF8.GetBytes(body.Int.ToString(CultureInfo.InvariantCulture)),
        TypedData.DataOneofCase.Double => System.Text.Encoding.UTF8.GetBytes(body.Double.ToString("R", CultureInfo.InvariantCulture)),
        _ => ReadOnlyMemory<byte>.Empty,
    };

    private static async Task WriteBodyAsync(HttpResponse response, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }

    private static string ToSetCookie(RpcHttpCookie cookie)
    {
        var header = new SetCookieHeaderValue(cookie.Name, cookie.Value)
        {
            // Each optional attribute is a wrapper whose value case is set only when the function set the attribute.
            Domain = cookie.Domain is { StringCase: NullableString.StringOneofCase.Value } domain ? domain.Value : null,
            Path = cookie.Path is { StringCase: NullableString.StringOneofCase.Value } path ? path.Value : null,
            Secure = cookie.Secure is { BoolCase: NullableBool.BoolOneofCase.Value, Value: true },
            HttpOnly = cookie.HttpOnly is { BoolCase: NullableBool.BoolOneofCase.Value, Value: true },
            SameSite = cookie.SameSite switch
            {
                RpcHttpCookie.Types.SameSite.Lax => Microsoft.Net.Http.Headers.SameSiteMode.Lax,
                RpcHttpCookie.Types.SameSite.Strict => Microsoft.Net.Http.Headers.SameSiteMode.Strict,
                RpcHttpCookie.Types.SameSite.ExplicitNone => Microsoft.Net.Http.Headers.SameSiteMode.None,
                _ => Microsoft.Net.Http.Headers.SameSiteMode.Unspecified,
            },
        };
        if (cookie.Expires is { TimestampCase: NullableTimestamp.TimestampOneofCase.Value } expires)
        {
            header.Expires = expires.Value.ToDateTimeOffset();
        }

        if (cookie.MaxAge is { DoubleCase: NullableDouble.DoubleOneofCase.Value } maxAge)
        {
            header.MaxAge = TimeSpan.FromSeconds(maxAge.Value);
        }

        return header.ToString();
    }
}
