using System.Globalization;
using Microsoft.AspNetCore.Http;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.Http;

/// <summary>Reads query parameters strictly: a value that is present but not understood is a 400, never silently ignored.</summary>
internal static class QueryParameters
{
    /// <summary>A trimmed value, or <see langword="null"/> when absent or empty.</summary>
    public static string? Text(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString().Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>
    /// An id to filter on (a programme or an agency): letters, digits, <c>-</c> and <c>_</c>, at most 64. Anything else can name
    /// nothing in the catalogue, so it is refused rather than answered with an empty page.
    /// </summary>
    public static string? Identifier(HttpRequest request, string name)
    {
        var value = Text(request, name);
        if (value is null)
        {
            return null;
        }

        return value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? value
            : throw Invalid(name, "Not an id: use letters, digits, '-' and '_' only, at most 64.");
    }

    /// <summary><c>task</c> or <c>measure</c> (any case).</summary>
    public static ItemKind? Kind(HttpRequest request, string name = "kind") => Text(request, name) switch
    {
        null => null,
        var v when v.Equals("task", StringComparison.OrdinalIgnoreCase) => ItemKind.Task,
        var v when v.Equals("measure", StringComparison.OrdinalIgnoreCase) => ItemKind.Measure,
        var v => throw Invalid(name, $"'{v}' is not a kind; use task or measure."),
    };

    /// <summary><c>Proposed</c>, <c>Commenced</c> or <c>Completed</c> (any case).</summary>
    public static ItemStatus? Status(HttpRequest request, string name = "status")
    {
        var value = Text(request, name);
        if (value is null)
        {
            return null;
        }

        return ItemStatusText.TryParse(value, StringComparison.OrdinalIgnoreCase, out var status)
            ? status
            : throw Invalid(name, $"'{value}' is not a status; use Proposed, Commenced or Completed.");
    }

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static bool? Boolean(HttpRequest request, string name) => Text(request, name) switch
    {
        null => null,
        var v when bool.TryParse(v, out var b) => b,
        var v => throw Invalid(name, $"'{v}' is not true or false."),
    };

    /// <summary>An integer within bounds.</summary>
    public static int? Integer(HttpRequest request, string name, int min, int max)
    {
        var value = Text(request, name);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw Invalid(name, $"'{value}' is not a whole number from {min} to {max}.");
    }

    /// <summary>A 400 naming the parameter.</summary>
    public static ApiProblemException Invalid(string name, string message) =>
        new(ApiProblem.BadRequest($"The query parameter {name} is not valid: {message}", RequestBody.Errors(name, message)));
}
