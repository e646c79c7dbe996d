namespace Microsoft.Azure.Functions.Worker;

/// <summary>The key an HTTP function requires. The local host records it but checks no keys: apps authorize locally.</summary>
public enum AuthorizationLevel
{
    /// <summary>No key.</summary>
    Anonymous = 0,

    /// <summary>A user identity.</summary>
    User = 1,

    /// <summary>A function key.</summary>
    Function = 2,

    /// <summary>The master key.</summary>
    System = 3,

    /// <summary>The master key.</summary>
    Admin = 4,
}
