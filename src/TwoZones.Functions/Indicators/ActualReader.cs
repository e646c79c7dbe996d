using System.Text.Json;
using TwoZones.Core.Indicators;
using TwoZones.Functions.Http;
using TwoZones.Functions.Items;

namespace TwoZones.Functions.Indicators;

/// <summary>
/// Reads the body of <c>POST /api/indicators/{id}/actuals</c>: <c>period</c> (required string), <c>value</c> (required JSON number),
/// <c>note</c> and <c>evidenceUrl</c> as for a status change. Wrong types or formats → 400 listing every problem; whether the report is
/// acceptable (period in the indicator's year, value in range) is the rules' call (422).
/// </summary>
internal static class ActualReader
{
    /// <summary>The report.</summary>
    /// <exception cref="ApiProblemException">400 with every problem found.</exception>
    public static ActualRequest Read(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var period = StatusChangeReader.ReadString(body, "period", required: true, errors);
        decimal? value = null;
        if (!body.TryGetProperty("value", out var number) || number.ValueKind == JsonValueKind.Null)
        {
            errors["value"] = ["value is required."];
        }
        else if (number.ValueKind != JsonValueKind.Number || !number.TryGetDecimal(out var parsed))
        {
            errors["value"] = ["value must be a number."];
        }
        else
        {
            value = parsed;
        }

        var note = StatusChangeReader.ReadNote(body, errors);
        var evidenceUrl = StatusChangeReader.ReadEvidenceUrl(body, errors);
        if (errors.Count > 0 || period is null || value is null)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("The actual is not well-formed.", errors));
        }

        return new ActualRequest(period, value.Value, string.IsNullOrWhiteSpace(note) ? null : note, string.IsNullOrWhiteSpace(evidenceUrl) ? null : evidenceUrl);
    }
}
