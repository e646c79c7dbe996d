namespace TwoZones.Functions.Evidence;

/// <summary>The three things the API does with an item's evidence; with the kind, one names an endpoint of <see cref="EvidenceContract"/>.</summary>
internal enum EvidenceOperation
{
    /// <summary><c>POST /api/{kind}s/{id}/evidence</c>.</summary>
    Upload,

    /// <summary><c>GET /api/{kind}s/{id}/evidence</c>.</summary>
    List,

    /// <summary><c>GET /api/{kind}s/{id}/evidence/{sha256}</c>.</summary>
    Download,
}
