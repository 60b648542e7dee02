namespace LivechatFunctions.Importer.Export;

/// <summary>The input cannot be imported as given: a malformed line under --strict, or a file that is not JSON lines.</summary>
public sealed class InvalidExportException : Exception
{
    public InvalidExportException()
    {
    }

    public InvalidExportException(string message)
        : base(message)
    {
    }

    public InvalidExportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
