using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace LivechatFunctions.LocalHost.Hosting;

/// <summary>
/// Serves a function class's HTTP triggers through ASP.NET Core, binding parameters the way the
/// Functions worker's ASP.NET Core integration does for this app: the request, route values by name,
/// the invocation context and the cancellation token.
/// </summary>
public static class FunctionEndpoints
{
    public static IReadOnlyList<HttpTriggerRoute> MapFunctions<TFunction>(this WebApplication app, string routePrefix)
        where TFunction : class
    {
        ArgumentNullException.ThrowIfNull(app);
        var routes = HttpTriggerRoute.Discover(typeof(TFunction));
        foreach (var route in routes)
        {
            app.MapMethods(route.PathTemplate(routePrefix), route.HttpMethods, (HttpContext http) => InvokeAsync<TFunction>(route, http))
                .WithName(route.FunctionName);
        }

        return routes;
    }

    private static async Task InvokeAsync<TFunction>(HttpTriggerRoute route, HttpContext http)
        where TFunction : class
    {
        var function = ActivatorUtilities.GetServiceOrCreateInstance<TFunction>(http.RequestServices);
        var context = new LocalFunctionContext(http.RequestServices, route.FunctionName, http.RequestAborted);
        var arguments = route.Method.GetParameters().Select(parameter => parameter.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => http.Request,
            var t when t == typeof(FunctionContext) => context,
            var t when t == typeof(CancellationToken) => http.RequestAborted,
            var t when t == typeof(string) => (object?)(http.GetRouteValue(parameter.Name!) as string),
            _ => throw new NotSupportedException($"The local host cannot bind parameter '{parameter.Name}' of {route.FunctionName}."),
        }).ToArray();

        var result = await (Task<IActionResult>)route.Method.Invoke(function, arguments)!;
        await result.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
    }
}
