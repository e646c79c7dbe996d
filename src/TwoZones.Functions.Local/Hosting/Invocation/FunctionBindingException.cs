namespace TwoZones.Functions.Local.Hosting;

/// <summary>A parameter could not be bound from the request (a bad route value, malformed JSON); HTTP answers 400.</summary>
internal sealed class FunctionBindingException(string message, Exception? innerException = null) : Exception(message, innerException);
