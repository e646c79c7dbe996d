namespace TwoZones.Functions.Local.Durable;

/// <summary>A client that knows the base URL of this host's Durable management endpoints.</summary>
internal interface IHttpManagementBase
{
    /// <summary>For example <c>http://localhost:7071/runtime/webhooks/durabletask</c>; null when there is no HTTP listener.</summary>
    string? HttpBaseUrl { get; }
}
