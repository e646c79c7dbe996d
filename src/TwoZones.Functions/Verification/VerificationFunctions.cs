using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Core.Seals;
using TwoZones.Functions.Http;
using TwoZones.Functions.OpenApi;
using TwoZones.Storage.Seals;

namespace TwoZones.Functions.Verification;

/// <summary><c>GET /api/verify</c> (the stored history against a seal) and <c>GET /api/history/export</c> (for the offline verifier).</summary>
/// <param name="auditor">Reads and checks the history.</param>
/// <param name="seals">The stored seals.</param>
public sealed class VerificationFunctions(HistoryAuditor auditor, SealRepository seals)
{
    /// <summary>Recomputes the history from storage and answers which items no longer match a seal.</summary>
    /// <param name="req">The request (<c>seal</c>: a seq or a seal hash; the latest seal by default).</param>
    /// <returns>The verification; 404 when there is no such seal (or none yet).</returns>
    [Function("VerifyHistory")]
    [EndpointSummary("Check the stored history against a seal: items missing, truncated or rewritten since (docs/seals.md)")]
    [QueryParameter("seal", "The seal to check against: its seq or its hash (default: the latest).")]
    [ProducesResponseType<HistoryVerification>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Verify([HttpTrigger(AuthorizationLevel.Function, "get", Route = "verify")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var cancellationToken = req.HttpContext.RequestAborted;
        var wanted = QueryParameters.Text(req, "seal");
        Seal? seal;
        if (wanted is null)
        {
            seal = await seals.GetLatestAsync(cancellationToken);
            if (seal is null)
            {
                return ApiProblem.NotFound("Nothing has been sealed yet.");
            }
        }
        else if (long.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            seal = await seals.GetAsync(seq, cancellationToken);
        }
        else if (wanted.Length == 64 && wanted.All(char.IsAsciiHexDigit))
        {
            seal = (await seals.ListAllAsync(cancellationToken)).FirstOrDefault(s => string.Equals(s.Hash, wanted, StringComparison.OrdinalIgnoreCase));
        }
        else
        {
            throw QueryParameters.Invalid("seal", $"'{wanted}' is neither a seal's seq nor its 64-digit hash.");
        }

        return seal is null
            ? ApiProblem.NotFound($"There is no seal {wanted}.")
            : new JsonResponse(await auditor.VerifyAsync(seal, cancellationToken));
    }

    /// <summary>Every item's history and every seal with its heads, for checking offline with <c>tools/verify-history</c>.</summary>
    /// <param name="req">The request.</param>
    /// <returns>The export (format <c>twozones-history-export-v1</c>).</returns>
    [Function("ExportHistory")]
    [EndpointSummary("The whole history and every seal, for the offline verifier tools/verify-history (docs/seals.md)")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public async Task<IActionResult> Export([HttpTrigger(AuthorizationLevel.Function, "get", Route = "history/export")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return new HistoryExportResult(await auditor.ExportAsync(req.HttpContext.RequestAborted));
    }
}
