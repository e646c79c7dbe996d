using Microsoft.AspNetCore.Http;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Http;

namespace TwoZones.Functions.Items;

/// <summary>
/// The contract of the item endpoints, written once for both kinds: summary, query parameters, least role and the statuses
/// <see cref="ItemEndpoints"/> answers with. Tasks and measures differ only in the words used.
/// </summary>
internal static class ItemContract
{
    /// <summary>The contract of one item endpoint.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="operation">What the endpoint does.</param>
    public static EndpointContract Of(ItemKind kind, ItemOperation operation)
    {
        var one = kind == ItemKind.Task ? "task" : "measure";
        var many = one + "s";
        return operation switch
        {
            ItemOperation.List => new EndpointContract(
                $"List {many}, filtered and paged",
                Role.Viewer,
                [new(StatusCodes.Status200OK, typeof(ItemListResponse)), new(StatusCodes.Status400BadRequest)])
            {
                Query =
                [
                    new("programme", $"Only {many} of this programme, e.g. P03."),
                    new("agency", $"Only {many} this agency leads, e.g. BMCB."),
                    new("status", $"Only {many} in this status.") { Values = ["Proposed", "Commenced", "Completed"] },
                    new("overdue", $"true: only overdue {many}; false: only those not overdue.") { Values = ["true", "false"] },
                    new("stale", $"true: only stale {many} (Commenced with nothing recorded for TwoZones:StalePeriodDays, default 90); false: only the others.") { Values = ["true", "false"] },
                    new("pageSize", $"Items per page, 1 to {ItemEndpoints.MaxPageSize} (default {ItemEndpoints.DefaultPageSize})."),
                    new("continuationToken", "The token of the previous page."),
                ],
            },
            ItemOperation.Get => new EndpointContract(
                $"One {one}; its version is the ETag",
                Role.Viewer,
                [new(StatusCodes.Status200OK, typeof(ItemResponse)), new(StatusCodes.Status404NotFound)]),
            ItemOperation.ChangeStatus => new EndpointContract(
                $"Move a {one} to another status (If-Match, Idempotency-Key)",
                Role.Official,
                [
                    new(StatusCodes.Status200OK, typeof(ItemResponse)),
                    new(StatusCodes.Status400BadRequest),
                    new(StatusCodes.Status403Forbidden),
                    new(StatusCodes.Status404NotFound),
                    new(StatusCodes.Status408RequestTimeout),
                    new(StatusCodes.Status409Conflict),
                    new(StatusCodes.Status413PayloadTooLarge),
                    new(StatusCodes.Status415UnsupportedMediaType),
                    new(StatusCodes.Status422UnprocessableEntity),
                ]),
            ItemOperation.GetHistory => new EndpointContract(
                $"A {one}'s history and whether its hash chain holds",
                Role.Viewer,
                [new(StatusCodes.Status200OK, typeof(HistoryResponse)), new(StatusCodes.Status404NotFound)]),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }
}
