using System.Text;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.LocalHost.Demo;

/// <summary>
/// Writes the demo data set into a store. Upserts make a second load change nothing. Containers are
/// created only where a key is in use (the local server, the emulator): in Azure, Bicep owns them and
/// the data-plane role cannot create them.
/// </summary>
public static class DemoDataLoader
{
    private const int Concurrency = 16;

    public static async Task<int> LoadAsync(CosmosClient client, CosmosOptions options, DemoDataSet data, bool createContainers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        if (createContainers)
        {
            var database = (await client.CreateDatabaseIfNotExistsAsync(options.DatabaseName, cancellationToken: cancellationToken)).Database;
            await database.CreateContainerIfNotExistsAsync(RoomsIndexingPolicy.ContainerProperties(options.RoomsContainerName), cancellationToken: cancellationToken);
            await database.CreateContainerIfNotExistsAsync(options.TokensContainerName, "/userId", cancellationToken: cancellationToken);
        }

        var rooms = client.GetContainer(options.DatabaseName, options.RoomsContainerName);
        var tokens = client.GetContainer(options.DatabaseName, options.TokensContainerName);
        await Parallel.ForEachAsync(
            data.Documents,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (document, ct) =>
            {
                var container = document.Container == DemoContainer.Rooms ? rooms : tokens;
                using var content = new MemoryStream(Encoding.UTF8.GetBytes(document.Json));
                using var response = await container.UpsertItemStreamAsync(content, new PartitionKey(document.PartitionKey), cancellationToken: ct);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException(
                        $"Loading demo data failed with status {(int)response.StatusCode} in container '{container.Id}'. In Azure, the loading identity needs the Cosmos DB Data Contributor role.");
                }
            });
        return data.Documents.Count;
    }
}
