namespace TwoZones.Storage;

/// <summary>A continuation token that this API did not issue (or that was altered); the HTTP API answers 400.</summary>
public sealed class InvalidContinuationTokenException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public InvalidContinuationTokenException()
        : base("The continuation token is not valid.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the token.</param>
    public InvalidContinuationTokenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the token.</param>
    /// <param name="innerException">The failure that revealed it.</param>
    public InvalidContinuationTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
