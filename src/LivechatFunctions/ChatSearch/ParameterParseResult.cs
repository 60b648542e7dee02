using LivechatFunctions.Http;

namespace LivechatFunctions.ChatSearch;

/// <summary>Either the validated parameters or the error that refuses them.</summary>
public readonly record struct ParameterParseResult(ChatSearchParameters? Parameters, ApiError? Error)
{
    public static implicit operator ParameterParseResult(ChatSearchParameters parameters) => new(parameters, null);

    public static implicit operator ParameterParseResult(ApiError error) => new(null, error);
}
