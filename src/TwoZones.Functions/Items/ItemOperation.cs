namespace TwoZones.Functions.Items;

/// <summary>The four things the API does with a task or a measure; with the kind, one names an endpoint of <see cref="ItemContract"/>.</summary>
internal enum ItemOperation
{
    /// <summary><c>GET /api/{kind}s</c>.</summary>
    List,

    /// <summary><c>GET /api/{kind}s/{id}</c>.</summary>
    Get,

    /// <summary><c>POST /api/{kind}s/{id}/status</c>.</summary>
    ChangeStatus,

    /// <summary><c>GET /api/{kind}s/{id}/history</c>.</summary>
    GetHistory,
}
