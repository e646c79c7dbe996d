namespace TwoZones.Functions.Local.Durable;

/// <summary>An activity to run for an orchestration; its result goes to the instance's inbox under a key made of generation and sequence number.</summary>
internal sealed record ActivityWorkItem(string InstanceId, int Generation, int TaskId, string Name, string? Input)
{
    public string Key => $"{InstanceId}|{Generation}|{TaskId}";
}
