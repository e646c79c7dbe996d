using System.Globalization;
using System.Text.Json;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Http;

namespace TwoZones.Functions.Items;

/// <summary>
/// Reads the body of <c>POST /api/tasks/{id}/status</c>: <c>status</c> (required, spelt exactly), <c>effectiveDate</c> (<c>yyyy-MM-dd</c>, default today in
/// Asia/Shanghai), <c>note</c> and <c>evidenceUrl</c> (absolute http(s) URL). Wrong types or formats → 400 listing every problem;
/// whether the change is allowed (dates included) is the lifecycle rules' call (422).
/// </summary>
internal static class StatusChangeReader
{
    /// <summary>The requested change.</summary>
    /// <exception cref="ApiProblemException">400 with every problem found.</exception>
    public static TransitionRequest Read(JsonElement body, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ItemStatus? status = null;
        var statusText = ReadString(body, "status", required: true, errors);
        if (statusText is not null)
        {
            // Written exactly as the contract spells them: what is stored and audited is never a guess at what was meant.
            if (ItemStatusText.TryParse(statusText, StringComparison.Ordinal, out var parsed))
            {
                status = parsed;
            }
            else
            {
                errors["status"] = [$"'{statusText}' is not a status; use Proposed, Commenced or Completed, spelt exactly so."];
            }
        }

        var effectiveDate = today;
        var dateText = ReadString(body, "effectiveDate", required: false, errors);
        if (dateText is not null)
        {
            if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                effectiveDate = date;
            }
            else
            {
                errors["effectiveDate"] = [$"'{dateText}' is not a date in the form yyyy-MM-dd."];
            }
        }

        var note = ReadNote(body, errors);
        var evidenceUrl = ReadEvidenceUrl(body, errors);

        if (errors.Count > 0 || status is null)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("The status change is not well-formed.", errors));
        }

        return new TransitionRequest(status.Value, effectiveDate, string.IsNullOrWhiteSpace(note) ? null : note, string.IsNullOrWhiteSpace(evidenceUrl) ? null : evidenceUrl);
    }

    /// <summary>The optional <c>note</c>: at most <see cref="LifecycleRules.MaxTextLength"/> characters, no control characters but line breaks and tabs.</summary>
    internal static string? ReadNote(JsonElement body, Dictionary<string, string[]> errors)
    {
        var note = ReadString(body, "note", required: false, errors);
        if (note is { Length: > LifecycleRules.MaxTextLength })
        {
            errors["note"] = [$"The note must not exceed {LifecycleRules.MaxTextLength} characters."];
        }
        else if (note is not null && note.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            // A note is read by people and printed in the digest; control characters only hide or garble text there.
            errors["note"] = ["The note must not contain control characters other than line breaks and tabs."];
        }

        return note;
    }

    /// <summary>The optional <c>evidenceUrl</c>: an absolute http(s) URL of at most 2048 characters.</summary>
    internal static string? ReadEvidenceUrl(JsonElement body, Dictionary<string, string[]> errors)
    {
        var evidenceUrl = ReadString(body, "evidenceUrl", required: false, errors);
        if (evidenceUrl is not null
            && (evidenceUrl.Length > 2048 || !Uri.TryCreate(evidenceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            errors["evidenceUrl"] = ["The evidence URL must be an absolute http or https URL of at most 2048 characters."];
        }

        return evidenceUrl;
    }

    /// <summary>A string member; a missing or null member is <see langword="null"/> (an error when required), another type an error.</summary>
    internal static string? ReadString(JsonElement body, string name, bool required, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors[name] = [$"{name} is required."];
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[name] = [$"{name} must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}."];
            return null;
        }

        return value.GetString();
    }
}
