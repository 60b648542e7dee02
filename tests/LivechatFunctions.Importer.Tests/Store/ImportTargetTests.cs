using LivechatFunctions.Importer.CommandLine;
using LivechatFunctions.Importer.Store;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Importer.Tests.Store;

public class ImportTargetTests
{
    private static readonly Uri Azure = new("https://account.documents.azure.com:443/");

    [Fact]
    public void Client_uses_bulk_execution_by_default() =>
        Assert.True(ImportTarget.ClientOptions(new ImportOptions(), Azure).AllowBulkExecution);

    [Fact]
    public void No_bulk_turns_bulk_execution_off() =>
        Assert.False(ImportTarget.ClientOptions(new ImportOptions { UseBulk = false }, Azure).AllowBulkExecution);

    [Fact]
    public void A_dry_run_reads_without_bulk_execution() =>
        Assert.False(ImportTarget.ClientOptions(new ImportOptions { DryRun = true }, Azure).AllowBulkExecution);

    [Fact]
    public void Client_waits_out_throttling_longer_than_the_app_does()
    {
        var options = ImportTarget.ClientOptions(new ImportOptions(), Azure);
        Assert.True(options.MaxRetryAttemptsOnRateLimitedRequests >= 9);
        Assert.True(options.MaxRetryWaitTimeOnRateLimitedRequests >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Writes_do_not_echo_the_document_back() =>
        Assert.False(ImportTarget.ClientOptions(new ImportOptions(), Azure).EnableContentResponseOnWrite);

    [Fact]
    public void Loopback_endpoint_gets_the_apps_local_settings()
    {
        var options = ImportTarget.ClientOptions(new ImportOptions(), new Uri("https://127.0.0.1:8081/"));
        Assert.Equal(ConnectionMode.Gateway, options.ConnectionMode);
        Assert.True(options.LimitToEndpoint);
    }
}
