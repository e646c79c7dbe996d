using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TwoZones.Core.Progress.AsOf;
using TwoZones.Functions.Http;

namespace TwoZones.Functions.Progress;

/// <summary>
/// The body of <c>GET /api/progress?asOf=</c>: the usual progress report (so clients read both alike) with <c>asOfDate</c> and
/// <c>lateCorrections</c> added.
/// </summary>
internal static class AsOfProgressResponse
{
    /// <summary>The JSON body.</summary>
    /// <param name="progress">The figures.</param>
    /// <returns>A JSON object.</returns>
    public static JsonObject From(AsOfProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var report = JsonSerializer.SerializeToNode(progress.Report, ApiJson.Options)!.AsObject();
        var body = new JsonObject
        {
            ["asOf"] = report["asOf"]?.DeepClone(),
            ["asOfDate"] = progress.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in report)
        {
            if (name != "asOf")
            {
                body[name] = value?.DeepClone();
            }
        }

        body["lateCorrections"] = JsonSerializer.SerializeToNode(progress.LateCorrections, ApiJson.Options);
        return body;
    }
}
