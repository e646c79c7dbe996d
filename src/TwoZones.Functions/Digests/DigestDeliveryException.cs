namespace TwoZones.Functions.Digests;

/// <summary>The webhook did not acknowledge a digest; the activity fails so that its retry policy tries again.</summary>
public sealed class DigestDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DigestDeliveryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the delivery failed.</param>
    public DigestDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the delivery failed.</param>
    /// <param name="innerException">The transport failure.</param>
    public DigestDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
