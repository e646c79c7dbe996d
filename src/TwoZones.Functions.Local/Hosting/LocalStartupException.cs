namespace TwoZones.Functions.Local.Hosting;

/// <summary>
/// The host cannot start (unsupported function, unreachable storage). Its text is the whole message: the process prints
/// it as one line and exits with code 1 instead of dumping a stack trace.
/// </summary>
internal sealed class LocalStartupException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <inheritdoc />
    public override string? StackTrace => null;

    /// <inheritdoc />
    public override string ToString() => Message;
}
