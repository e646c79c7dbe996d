namespace TwoZones.Functions.Http;

/// <summary>One answer an HTTP function gives: its status and, for a JSON success, the type its body serializes from.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The response type, written with <see cref="ApiJson.Options"/>; <see langword="null"/> when the body is a problem or not described by a type.</param>
internal sealed record EndpointResponse(int Status, Type? Body = null);
