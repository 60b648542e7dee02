namespace LivechatFunctions.ChatSearch;

/// <summary>Paging settings behind <c>count</c>, with Rocket.Chat's defaults (configuration section "Search").</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    /// <summary>Page size when the caller sends no <c>count</c> (Rocket.Chat's API_Default_Count); held to <see cref="MaxCount"/>.</summary>
    public int DefaultCount { get; set; } = 50;

    /// <summary>Largest page; a larger <c>count</c> is clamped to it (API_Upper_Count_Limit).</summary>
    public int MaxCount { get; set; } = 100;

    /// <summary>Whether <c>count=0</c> means "all" (API_Allow_Infinite_Count); otherwise it means the default.</summary>
    public bool AllowInfiniteCount { get; set; } = true;
}
