namespace TwoZones.Functions.Dashboard;

/// <summary>The names of the district codes the catalogue uses (see <c>data/README.md</c>); an unknown code is shown as it is.</summary>
internal static class DistrictNames
{
    private static readonly Dictionary<string, (string En, string Zh)> Names = new(StringComparer.Ordinal)
    {
        ["Dongcheng"] = ("Dongcheng", "东城区"),
        ["Xicheng"] = ("Xicheng", "西城区"),
        ["Chaoyang"] = ("Chaoyang", "朝阳区"),
        ["Haidian"] = ("Haidian", "海淀区"),
        ["Fengtai"] = ("Fengtai", "丰台区"),
        ["Shijingshan"] = ("Shijingshan", "石景山区"),
        ["Mentougou"] = ("Mentougou", "门头沟区"),
        ["Fangshan"] = ("Fangshan", "房山区"),
        ["Tongzhou"] = ("Tongzhou", "通州区"),
        ["Shunyi"] = ("Shunyi", "顺义区"),
        ["Changping"] = ("Changping", "昌平区"),
        ["Daxing"] = ("Daxing", "大兴区"),
        ["Huairou"] = ("Huairou", "怀柔区"),
        ["Pinggu"] = ("Pinggu", "平谷区"),
        ["Miyun"] = ("Miyun", "密云区"),
        ["Yanqing"] = ("Yanqing", "延庆区"),
        ["BDA"] = ("Beijing Economic-Technological Development Area", "北京经济技术开发区"),
    };

    /// <summary>The name of a district in a language.</summary>
    public static string Of(string code, DashboardLanguage language) =>
        Names.TryGetValue(code, out var name) ? (language == DashboardLanguage.Zh ? name.Zh : name.En) : code;
}
