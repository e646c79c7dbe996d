using TwoZones.Core.History;
using TwoZones.Core.Indicators;

namespace TwoZones.Storage.Indicators;

/// <summary>An indicator's history in seq order, and whether its hash chain holds.</summary>
/// <param name="Entries">The readable entries.</param>
/// <param name="Verification">The chain check (an unreadable row breaks it).</param>
public sealed record IndicatorHistory(IReadOnlyList<IndicatorActual> Entries, ChainVerification Verification);
