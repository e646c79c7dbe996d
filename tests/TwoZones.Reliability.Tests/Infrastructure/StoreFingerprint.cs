using System.Net;
using System.Text;
using System.Text.Json;
using TwoZones.Testing;

namespace TwoZones.Reliability.Tests.Infrastructure;

/// <summary>
/// Everything a request could have changed, read over HTTP: every item's status, version and overdue flag, every history's
/// length, last hash and chain check, and the latest digest. Two equal fingerprints mean nothing was written.
/// </summary>
public static class StoreFingerprint
{
    /// <summary>Takes the fingerprint of the store behind <paramref name="http"/>.</summary>
    public static async Task<string> TakeAsync(HttpClient http)
    {
        var text = new StringBuilder();
        foreach (var collection in new[] { "tasks", "measures" })
        {
            string? token = null;
            do
            {
                var path = $"api/{collection}?pageSize=200" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token));
                var page = await Api.GetJsonAsync(http, path, DemoKeys.Viewer);
                foreach (var item in page.GetProperty("items").EnumerateArray())
                {
                    var id = item.GetProperty("id").GetString();
                    var history = await Api.GetJsonAsync(http, $"api/{collection}/{id}/history", DemoKeys.Viewer);
                    var entries = history.GetProperty("items");
                    var last = entries.GetArrayLength() == 0 ? "-" : entries[entries.GetArrayLength() - 1].GetProperty("hash").GetString();
                    text.Append(id).Append(' ').Append(item.GetProperty("status").GetString()).Append(' ').Append(item.GetProperty("version").GetString())
                        .Append(' ').Append(item.GetProperty("overdue").GetBoolean()).Append(' ').Append(entries.GetArrayLength()).Append(' ').Append(last)
                        .Append(' ').Append(history.GetProperty("chainValid").GetBoolean()).Append('\n');
                }

                token = page.GetProperty("continuationToken") is { ValueKind: JsonValueKind.String } next ? next.GetString() : null;
            }
            while (token is not null);
        }

        using var digest = Api.Get("api/digests/latest", DemoKeys.Viewer);
        using var answer = await http.SendAsync(digest);
        text.Append("digest ").Append((int)answer.StatusCode).Append(' ');
        if (answer.StatusCode == HttpStatusCode.OK)
        {
            text.Append(await answer.Content.ReadAsStringAsync());
        }

        return text.ToString();
    }
}
