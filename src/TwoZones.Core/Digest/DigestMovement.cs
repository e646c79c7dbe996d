using System.Text.Json.Serialization;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Digest;

/// <summary>A transition of an item, as the digest lists it.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Kind">Task or measure.</param>
/// <param name="Programme">Programme id.</param>
/// <param name="TitleEn">English title.</param>
/// <param name="TitleZh">Chinese title.</param>
/// <param name="From">Status before.</param>
/// <param name="To">Status after.</param>
/// <param name="EffectiveDate">Effective date of the transition.</param>
/// <param name="RecordedAt">When the transition was recorded; decides which week it belongs to.</param>
/// <param name="Actor">Who made the change.</param>
public sealed record DigestMovement(
    string Id,
    ItemKind Kind,
    string Programme,
    string TitleEn,
    string TitleZh,
    ItemStatus From,
    ItemStatus To,
    DateOnly EffectiveDate,
    [property: JsonConverter(typeof(UtcInstantJsonConverter))] DateTimeOffset RecordedAt,
    string Actor);
