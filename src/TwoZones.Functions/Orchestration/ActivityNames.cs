namespace TwoZones.Functions.Orchestration;

/// <summary>
/// The registered names of the app's activities, grouped by the orchestrator that calls them. Orchestration histories store
/// them, and a replay looks the name up again, so they are part of the stored data: renaming one fails the instances in flight.
/// </summary>
public static class ActivityNames
{
    /// <summary><see cref="OrchestratorNames.ItemTracker"/>: reads an item and refreshes its overdue flag.</summary>
    public const string ObserveTrackedItem = "ObserveTrackedItem";

    /// <summary><see cref="OrchestratorNames.StartTrackers"/>: starts the missing trackers of one slice of the items.</summary>
    public const string StartTrackerSlice = "StartTrackerSlice";

    /// <summary><see cref="OrchestratorNames.WeeklyDigest"/>: the programmes a digest covers.</summary>
    public const string ListDigestProgrammes = "ListDigestProgrammes";

    /// <summary><see cref="OrchestratorNames.WeeklyDigest"/>: computes and stages one programme's part.</summary>
    public const string CollectProgrammeSection = "CollectProgrammeSection";

    /// <summary><see cref="OrchestratorNames.WeeklyDigest"/>: merges the parts and stores the digest.</summary>
    public const string ComposeWeeklyDigest = "ComposeWeeklyDigest";

    /// <summary><see cref="OrchestratorNames.WeeklyDigest"/>: posts the stored digest to the webhook.</summary>
    public const string DeliverWeeklyDigest = "DeliverWeeklyDigest";

    /// <summary><see cref="OrchestratorNames.CatalogueImport"/>: loads and re-validates the uploaded file.</summary>
    public const string LoadCatalogue = "LoadCatalogue";

    /// <summary><see cref="OrchestratorNames.CatalogueImport"/>: saves the file's agencies and programmes.</summary>
    public const string SaveCatalogueMetadata = "SaveCatalogueMetadata";

    /// <summary><see cref="OrchestratorNames.CatalogueImport"/>: creates one batch of items.</summary>
    public const string ImportCatalogueBatch = "ImportCatalogueBatch";

    /// <summary><see cref="OrchestratorNames.CatalogueImport"/>: takes a progress snapshot once an import created items.</summary>
    public const string SnapshotAfterImport = "SnapshotAfterImport";
}
