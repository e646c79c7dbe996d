using Microsoft.AspNetCore.Http;
using TwoZones.Functions.Http;

namespace TwoZones.Functions.Spreadsheets;

/// <summary>How an uploaded sheet's problems reach the caller: a 400 problem that lists every one, and nothing done.</summary>
internal static class SheetUpload
{
    /// <summary>Reads an uploaded file as a sheet.</summary>
    /// <param name="bytes">The file.</param>
    /// <param name="format">Its format.</param>
    /// <param name="maxRows">Most data rows accepted.</param>
    /// <returns>The sheet.</returns>
    /// <exception cref="ApiProblemException">400 when the file is not a readable sheet of that format or has too many rows.</exception>
    public static SheetTable Read(byte[] bytes, SheetFormat format, int maxRows)
    {
        try
        {
            return SheetReader.Read(bytes, format, maxRows);
        }
        catch (SheetFormatException e)
        {
            throw new ApiProblemException(ApiProblem.BadRequest(e.Message, RequestBody.Errors("$", e.Message)));
        }
    }

    /// <summary>Refuses the whole sheet when any of its cells could not be read.</summary>
    /// <param name="errors">The problems found.</param>
    /// <param name="notDone">What the refusal did not do, for the message: <c>imported</c>, <c>applied</c>.</param>
    /// <exception cref="ApiProblemException">400 <c>invalid-sheet</c> with every problem by row and column.</exception>
    public static void ThrowIfAny(SheetErrors errors, string notDone)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw new ApiProblemException(ApiProblem.Validation(
                StatusCodes.Status400BadRequest,
                "invalid-sheet",
                "The sheet has cells that cannot be read.",
                $"The sheet has {errors.Count} problem(s); nothing was {notDone}. Fix them all and upload it again.",
                errors.ToDictionary(),
                new Dictionary<string, object?> { ["errorCount"] = errors.Count }));
        }
    }
}
