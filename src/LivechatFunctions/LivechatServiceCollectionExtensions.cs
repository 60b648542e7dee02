using LivechatFunctions.Authentication;
using LivechatFunctions.Authorization;
using LivechatFunctions.ChatSearch;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LivechatFunctions;

/// <summary>Registers the endpoint's services: options bound once, one Cosmos client, small singletons.</summary>
public static class LivechatServiceCollectionExtensions
{
    public static IServiceCollection AddLivechatSearch(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CosmosOptions>().Bind(configuration.GetSection(CosmosOptions.SectionName))
            .Validate(o => o.WarmupTimeout >= TimeSpan.Zero && o.WarmupTimeout <= CosmosOptions.MaxWarmupTimeout,
                "Cosmos:WarmupTimeout must be between 00:00:00 (off) and 00:01:00.")
            .ValidateOnStart();
        services.AddOptions<SearchOptions>().Bind(configuration.GetSection(SearchOptions.SectionName))
            .Validate(o => o.DefaultCount > 0 && o.MaxCount > 0, "Search:DefaultCount and Search:MaxCount must be positive.")
            .ValidateOnStart();
        services.AddOptions<PermissionOptions>().Bind(configuration.GetSection(PermissionOptions.SectionName));
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.SectionName));
        services.AddOptions<TokenCacheOptions>().Bind(configuration.GetSection(TokenCacheOptions.SectionName))
            .Validate(o => o.IsValid, "Authentication:TokenCacheLifetime must be between 00:00:00 (off) and 00:05:00.")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        // Handlers run in the order registered: a plan answered from memory never reaches the counter.
        services.AddSingleton(new QueryPlanCache(ChatQuery.FilterOnlyParameters));
        services.AddSingleton<RequestHandler>(sp => sp.GetRequiredService<QueryPlanCache>());
        services.AddSingleton<StoreCallCounter>();
        services.AddSingleton<RequestHandler>(sp => sp.GetRequiredService<StoreCallCounter>());
        services.AddSingleton<RequestHandler, RequestDeadlineHandler>();
        services.AddSingleton(sp => CosmosClientFactory.Create(
            sp.GetRequiredService<IOptions<CosmosOptions>>().Value,
            sp.GetServices<RequestHandler>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CosmosOptions>>().Value;
            var database = sp.GetRequiredService<CosmosClient>().GetDatabase(options.DatabaseName);
            return new LivechatContainers(database.GetContainer(options.RoomsContainerName), database.GetContainer(options.TokensContainerName));
        });

        services.AddSingleton<TokenStore>();
        services.AddSingleton<RoomStore>();
        services.AddSingleton<ChatHistoryStore>();
        services.AddSingleton<ValidatedTokenCache>();
        services.AddSingleton<TokenAuthenticator>();
        services.AddSingleton<PermissionTable>();
        services.AddSingleton<RoomAccessPolicy>();
        services.AddSingleton<SearchParameterParser>();
        services.AddSingleton<ChatHistorySearch>();

        // Runs before the host's other services start (the worker's link to the Functions host among them).
        services.AddHostedService<CosmosWarmup>();
        return services;
    }
}
