using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Context.Features;
using Microsoft.Azure.Functions.Worker.Http;

namespace LivechatFunctions.LocalHost.Hosting;

/// <summary>
/// The part of a Functions invocation the function reads (its invocation id and services), for calls made
/// by the local host instead of the Functions host.
/// </summary>
internal sealed class LocalFunctionContext(IServiceProvider services, string functionName, CancellationToken cancellationToken) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => functionName;

    public override TraceContext TraceContext => throw new NotSupportedException("The local host does not trace.");

    public override BindingContext BindingContext => throw new NotSupportedException("The local host binds parameters itself.");

    public override RetryContext RetryContext => throw new NotSupportedException("HTTP functions are not retried.");

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException("The local host has no function metadata.");

    public override IDictionary<object, object> Items { get; set; } = new ConcurrentDictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException("The local host has no invocation features.");

    public override CancellationToken CancellationToken { get; } = cancellationToken;
}
