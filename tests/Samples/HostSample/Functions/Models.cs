namespace HostSample.Functions;

public sealed record Item(int Id, string DisplayName, Guid? Token = null);

public sealed record EchoRequest(string Message, int Count);

public sealed record EchoResponse(string EchoedMessage, int Count, int BodyLength);
