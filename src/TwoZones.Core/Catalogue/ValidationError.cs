namespace TwoZones.Core.Catalogue;

/// <summary>One problem found in a catalogue.</summary>
/// <param name="ItemId">Id of the agency, programme, task or measure at fault (empty when it has no id).</param>
/// <param name="Field">camelCase name of the offending field, as in the import format.</param>
/// <param name="Message">What is wrong, for a human.</param>
public sealed record ValidationError(string ItemId, string Field, string Message);
