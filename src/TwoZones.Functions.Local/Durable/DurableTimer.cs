namespace TwoZones.Functions.Local.Durable;

/// <summary>A durable timer (or, with <see cref="TaskId"/> -1, a scheduled start) waiting to fire.</summary>
internal sealed record DurableTimer(DateTime FireAt, string InstanceId, int Generation, int TaskId)
{
    public string Key => $"{InstanceId}|{Generation}|{TaskId}";
}
