namespace LivechatFunctions.LocalHost.Tests.ReverseProxy;

/// <summary>What a stand-in upstream received: the request line's target, its headers, and the TLS server name.</summary>
internal sealed record RecordedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string? ServerName);
