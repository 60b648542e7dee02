using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace LivechatFunctions.LocalHost.Hosting;

/// <summary>
/// An HTTP-triggered function as the Functions host would see it, read from its attributes: the route and
/// methods come from the one place the function declares them, never written a second time.
/// </summary>
public sealed record HttpTriggerRoute(string FunctionName, MethodInfo Method, string Route, IReadOnlyList<string> HttpMethods)
{
    /// <summary>Every <c>[Function]</c> method of <paramref name="functionClass"/> with an HTTP trigger.</summary>
    public static IReadOnlyList<HttpTriggerRoute> Discover(Type functionClass)
    {
        ArgumentNullException.ThrowIfNull(functionClass);
        return [.. functionClass.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Select(method => (method, function: method.GetCustomAttribute<FunctionAttribute>()))
            .Where(m => m.function is not null)
            .SelectMany(m => m.method.GetParameters()
                .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
                .Where(trigger => trigger is not null)
                .Select(trigger => new HttpTriggerRoute(
                    m.function!.Name,
                    m.method,
                    trigger!.Route ?? m.function.Name,
                    [.. (trigger.Methods ?? ["get", "post"]).Select(verb => verb.ToUpperInvariant())])))];
    }

    /// <summary>The full path template under the host's route prefix, as the Functions host serves it.</summary>
    public string PathTemplate(string routePrefix) =>
        string.IsNullOrEmpty(routePrefix) ? "/" + Route : $"/{routePrefix.Trim('/')}/{Route}";
}
