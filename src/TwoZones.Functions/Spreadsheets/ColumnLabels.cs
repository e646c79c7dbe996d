namespace TwoZones.Functions.Spreadsheets;

/// <summary>
/// The Chinese labels of the sheets' columns. Column names are the API's field names (so a sheet, the JSON and the docs agree);
/// workbooks show each column's Chinese label in a second header row.
/// </summary>
public static class ColumnLabels
{
    private static readonly Dictionary<string, string> Chinese = new(StringComparer.Ordinal)
    {
        ["id"] = "编号",
        ["kind"] = "类型",
        ["programme"] = "专项",
        ["titleEn"] = "英文名称",
        ["titleZh"] = "中文名称",
        ["leadAgency"] = "牵头单位",
        ["coAgencies"] = "配合单位",
        ["district"] = "所在区",
        ["tasks"] = "对应任务",
        ["plannedCommencement"] = "计划启动日期",
        ["plannedCompletion"] = "计划完成日期",
        ["status"] = "状态",
        ["commencedOn"] = "启动日期",
        ["completedOn"] = "完成日期",
        ["overdue"] = "是否逾期",
        ["stale"] = "是否久未更新",
        ["updatedAt"] = "最后更新时间",
        ["updatedBy"] = "最后更新人",
        ["effectiveDate"] = "生效日期",
        ["note"] = "说明",
        ["evidenceUrl"] = "佐证材料链接",
    };

    /// <summary>The Chinese label of a column.</summary>
    /// <param name="column">The column name.</param>
    /// <returns>The label, or the name itself when it has none.</returns>
    public static string ChineseOf(string column) => Chinese.TryGetValue(column, out var label) ? label : column;

    /// <summary>Whether <paramref name="cell"/> is the Chinese label of <paramref name="column"/>.</summary>
    /// <param name="column">The column name (any case).</param>
    /// <param name="cell">The cell's text.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public static bool IsChineseLabelOf(string column, string cell) =>
        Chinese.FirstOrDefault(p => p.Key.Equals(column, StringComparison.OrdinalIgnoreCase)).Value is { } label && label == cell;
}
