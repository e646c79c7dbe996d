using System.Globalization;
using System.Text.Json;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Http;
using TwoZones.Storage.Evidence;

namespace TwoZones.Functions.Items;

/// <summary>
/// Reads the body of <c>POST /api/tasks/{id}/status</c>: <c>status</c> (required, spelt exactly), <c>effectiveDate</c> (<c>yyyy-MM-dd</c>, default today in
/// Asia/Shanghai), <c>note</c> and <c>evidenceUrl</c> (absolute http(s) URL). Wrong types or formats → 400 listing every problem;
/// whether the change is allowed (dates included) is the lifecycle rules' call (422). A row of a status-update sheet is checked alike
/// (<see cref="FromText"/>).
/// </summary>
internal static class StatusChangeReader
{
    /// <summary>The requested change.</summary>
    /// <exception cref="ApiProblemException">400 with every problem found.</exception>
    public static TransitionRequest Read(JsonElement body, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var change = FromText(
            ReadString(body, "status", required: true, errors),
            ReadString(body, "effectiveDate", required: false, errors),
            ReadString(body, "note", required: false, errors),
            ReadString(body, "evidenceUrl", required: false, errors),
            today,
            errors);
        if (errors.Count > 0 || change is null)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("The status change is not well-formed.", errors));
        }

        return change;
    }

    /// <summary>
    /// The change that fields given as text ask for (from a JSON body, or a row of an uploaded sheet), with the same checks either way.
    /// </summary>
    /// <param name="statusText">The status, spelt exactly; required.</param>
    /// <param name="dateText">The effective date (<c>yyyy-MM-dd</c>), or <see langword="null"/> for today.</param>
    /// <param name="note">The note, or <see langword="null"/>.</param>
    /// <param name="evidenceUrl">An absolute http(s) URL, or <see langword="null"/>.</param>
    /// <param name="today">Today in Asia/Shanghai.</param>
    /// <param name="errors">Receives a message per field that is wrong (a field already there keeps its message).</param>
    /// <returns>The change, or <see langword="null"/> when a field is wrong.</returns>
    public static TransitionRequest? FromText(string? statusText, string? dateText, string? note, string? evidenceUrl, DateOnly today, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        ItemStatus? status = null;
        if (statusText is null)
        {
            errors.TryAdd("status", ["status is required."]);
        }
        else if (ItemStatusText.TryParse(statusText, StringComparison.Ordinal, out var parsed))
        {
            // Written exactly as the contract spells them: what is stored and audited is never a guess at what was meant.
            status = parsed;
        }
        else
        {
            errors["status"] = [$"'{statusText}' is not a status; use Proposed, Commenced or Completed, spelt exactly so."];
        }

        var effectiveDate = today;
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

        CheckNote(note, errors);
        CheckEvidenceUrl(evidenceUrl, errors);
        if (errors.Count > before || status is null)
        {
            return null;
        }

        return new TransitionRequest(status.Value, effectiveDate, string.IsNullOrWhiteSpace(note) ? null : note, string.IsNullOrWhiteSpace(evidenceUrl) ? null : evidenceUrl);
    }

    /// <summary>The optional <c>note</c>: at most <see cref="LifecycleRules.MaxTextLength"/> characters, no control characters but line breaks and tabs.</summary>
    internal static string? ReadNote(JsonElement body, Dictionary<string, string[]> errors)
    {
        var note = ReadString(body, "note", required: false, errors);
        CheckNote(note, errors);
        return note;
    }

    /// <summary>The optional <c>evidenceUrl</c>: an absolute http(s) URL of at most 2048 characters.</summary>
    internal static string? ReadEvidenceUrl(JsonElement body, Dictionary<string, string[]> errors)
    {
        var evidenceUrl = ReadString(body, "evidenceUrl", required: false, errors);
        CheckEvidenceUrl(evidenceUrl, errors);
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

    private static void CheckNote(string? note, Dictionary<string, string[]> errors)
    {
        if (note is { Length: > LifecycleRules.MaxTextLength })
        {
            errors["note"] = [$"The note must not exceed {LifecycleRules.MaxTextLength} characters."];
        }
        else if (note is not null && note.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            // A note is read by people and printed in the digest; control characters only hide or garble text there.
            errors["note"] = ["The note must not contain control characters other than line breaks and tabs."];
        }
    }

    private static void CheckEvidenceUrl(string? evidenceUrl, Dictionary<string, string[]> errors)
    {
        if (evidenceUrl is not null
            && !EvidenceReference.TryParse(evidenceUrl, out _)
            && (evidenceUrl.Length > 2048 || !Uri.TryCreate(evidenceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            errors["evidenceUrl"] = ["The evidence URL must be an absolute http or https URL of at most 2048 characters, or sha256:<hash> of an uploaded evidence file."];
        }
    }
}
