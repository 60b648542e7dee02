namespace LivechatFunctions.Importer.Store;

/// <summary>The store cannot take more writes (unavailable after retries, access refused, container missing): the run stops.</summary>
public sealed class StoreFailedException : Exception
{
    public StoreFailedException()
    {
    }

    public StoreFailedException(string message)
        : base(message)
    {
    }

    public StoreFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
