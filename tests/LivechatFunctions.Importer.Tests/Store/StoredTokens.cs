using System.Net;
using System.Text;
using Microsoft.Azure.Cosmos;
using Moq;

namespace LivechatFunctions.Importer.Tests.Store;

/// <summary>A query iterator over token documents already stored, answering the way the store does: one page of them.</summary>
public static class StoredTokens
{
    public static FeedIterator Iterator(params (string Id, string UserId)[] documents)
    {
        var page = "{\"Documents\":[" + string.Join(',', documents.Select(d => $"{{\"id\":\"{d.Id}\",\"userId\":\"{d.UserId}\"}}")) + "]}";
        var iterator = new Mock<FeedIterator>();
        iterator.SetupGet(i => i.HasMoreResults).Returns(true);
        iterator.Setup(i => i.ReadNextAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new ResponseMessage(HttpStatusCode.OK) { Content = new MemoryStream(Encoding.UTF8.GetBytes(page)) });
        return iterator.Object;
    }
}
