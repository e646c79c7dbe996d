namespace TwoZones.Functions.Local.Durable;

/// <summary>How an episode left its instance.</summary>
internal enum EpisodeOutcome
{
    Running,
    Completed,
    Failed,
    ContinuedAsNew,
}
