namespace LivechatFunctions.Importer.Export;

/// <summary>A value that claims to be MongoDB Extended JSON (<c>$date</c>, <c>$numberLong</c>, ...) but cannot be read as such.</summary>
public sealed class ExtendedJsonException : Exception
{
    public ExtendedJsonException()
    {
    }

    public ExtendedJsonException(string message)
        : base(message)
    {
    }

    public ExtendedJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
