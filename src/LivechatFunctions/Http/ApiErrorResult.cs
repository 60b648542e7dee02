using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LivechatFunctions.Http;

/// <summary>Writes an <see cref="ApiError"/> as the contract's status, headers and body.</summary>
public sealed class ApiErrorResult(ApiError error) : IActionResult
{
    public ApiError Error { get; } = error;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        ContractHeaders.Apply(response, (int)Error.Status);
        if (Error.RetryAfter is { } retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        response.ContentLength = Error.Body.Length;
        await response.Body.WriteAsync(Error.Body, context.HttpContext.RequestAborted);
    }
}
