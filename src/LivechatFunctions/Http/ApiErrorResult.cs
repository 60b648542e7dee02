using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LivechatFunctions.Http;

/// <summary>Writes an <see cref="ApiError"/> as the contract's status, headers and body.</summary>
public sealed class ApiErrorResult(ApiError error) : IActionResult
{
    public ApiError Error => error;

    public Task ExecuteResultAsync(ActionContext context) => WriteAsync(context.HttpContext.Response, error, context.HttpContext.RequestAborted);

    private static async Task WriteAsync(HttpResponse response, ApiError error, CancellationToken cancellationToken)
    {
        ContractHeaders.Apply(response, (int)error.Status);
        if (error.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        response.ContentLength = error.Body.Length;
        await response.Body.WriteAsync(error.Body, cancellationToken);
    }
}
