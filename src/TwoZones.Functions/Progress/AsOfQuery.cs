using System.Globalization;
using Microsoft.AspNetCore.Http;
using TwoZones.Core.Time;
using TwoZones.Functions.Http;

namespace TwoZones.Functions.Progress;

/// <summary>Reads the <c>asOf</c> query parameter shared by the progress routes.</summary>
internal static class AsOfQuery
{
    /// <summary>The parameter's name.</summary>
    public const string Name = "asOf";

    /// <summary>The parameter's description for the OpenAPI document.</summary>
    public const string Description =
        "A day (YYYY-MM-DD, Asia/Shanghai): the figures as they stood at the end of that day, recomputed from the history's effective dates; "
        + "the answer says whether transitions recorded after that day changed them (lateCorrections). Formulas: docs/progress.md.";

    /// <summary>The day asked for, or <see langword="null"/> without the parameter; 400 for a malformed day or one after today in Beijing.</summary>
    /// <param name="request">The request.</param>
    /// <param name="time">The server clock.</param>
    /// <returns>The day.</returns>
    public static DateOnly? Read(HttpRequest request, TimeProvider time)
    {
        var value = QueryParameters.Text(request, Name);
        if (value is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw QueryParameters.Invalid(Name, $"'{value}' is not a date such as 2024-08-21.");
        }

        var today = ShanghaiClock.Today(time.GetUtcNow());
        return date <= today
            ? date
            : throw QueryParameters.Invalid(Name, $"{value} is after today ({today:yyyy-MM-dd} in Beijing); figures exist only for days that have begun.");
    }
}
