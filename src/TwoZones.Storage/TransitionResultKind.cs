namespace TwoZones.Storage;

/// <summary>What became of a requested transition.</summary>
public enum TransitionResultKind
{
    /// <summary>Recorded now (HTTP 200).</summary>
    Applied,

    /// <summary>The same idempotency key and body were seen before; the first answer is returned and nothing is written (HTTP 200).</summary>
    Replayed,

    /// <summary>No item of that kind with that id (HTTP 404).</summary>
    NotFound,

    /// <summary>The <c>If-Match</c> version is not the current one (HTTP 409, with the current item).</summary>
    VersionMismatch,

    /// <summary>A concurrent update won the race (HTTP 409, with the current item).</summary>
    Conflict,

    /// <summary>The caller may not make this change (HTTP 403, see the decision).</summary>
    Forbidden,

    /// <summary>The change is not allowed or its data is wrong (HTTP 422, see the decision).</summary>
    Invalid,

    /// <summary>The idempotency key was used before with a different body (HTTP 422).</summary>
    IdempotencyKeyMismatch,
}
