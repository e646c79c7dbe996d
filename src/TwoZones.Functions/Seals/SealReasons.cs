namespace TwoZones.Functions.Seals;

/// <summary>The reasons a seal records for being made.</summary>
public static class SealReasons
{
    /// <summary>The seal schedule (<c>TwoZones:SealSchedule</c>).</summary>
    public const string Schedule = "schedule";

    /// <summary>A coordinator's <c>POST /api/seals</c>.</summary>
    public const string Request = "request";

    /// <summary>A weekly digest.</summary>
    /// <param name="week">ISO week id.</param>
    /// <returns>E.g. <c>digest 2026-W48</c>.</returns>
    public static string Digest(string week) => "digest " + week;
}
