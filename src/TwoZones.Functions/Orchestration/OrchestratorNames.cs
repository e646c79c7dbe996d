namespace TwoZones.Functions.Orchestration;

/// <summary>
/// The registered names of the app's orchestrators. Task hubs store them with every instance (and a tracker lives for months),
/// so they are part of the stored data: renaming one orphans the instances that carry the old name.
/// </summary>
public static class OrchestratorNames
{
    /// <summary>The tracker of one task or measure (instance id = item id).</summary>
    public const string ItemTracker = "ItemTracker";

    /// <summary>Starts the trackers every stored item lacks.</summary>
    public const string StartTrackers = "StartTrackersOrchestrator";

    /// <summary>Builds and delivers the digest of one ISO week.</summary>
    public const string WeeklyDigest = "WeeklyDigest";

    /// <summary>Imports an uploaded catalogue.</summary>
    public const string CatalogueImport = "CatalogueImport";
}
