using System.Text;
using LivechatFunctions.Http;

namespace LivechatFunctions.Tests.Http;

public class ApiErrorTests
{
    [Fact]
    public void Not_logged_in_is_401_with_the_seed_keys_and_current_rocket_chat_keys()
    {
        Assert.Equal(401, (int)ApiError.NotLoggedIn.Status);
        Assert.Equal(
            """{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}""",
            Body(ApiError.NotLoggedIn));
    }

    [Fact]
    public void Forbidden_is_403_with_error_unauthorized()
    {
        Assert.Equal(403, (int)ApiError.Forbidden.Status);
        Assert.Equal(
            """{"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"}""",
            Body(ApiError.Forbidden));
    }

    [Theory]
    [InlineData(nameof(ApiError.UnknownParameter), "must NOT have additional properties")]
    [InlineData(nameof(ApiError.NotANumber), "must be number")]
    [InlineData(nameof(ApiError.NotAString), "must be string")]
    [InlineData(nameof(ApiError.Negative), "must be >= 0")]
    public void Parameter_errors_are_400_invalid_params(string name, string message)
    {
        var error = (ApiError)typeof(ApiError).GetProperty(name)!.GetValue(null)!;
        Assert.Equal(400, (int)error.Status);
        Assert.Equal($$"""{"success":false,"error":"{{message}} [invalid-params]","errorType":"invalid-params"}""", Body(error));
    }

    [Fact]
    public void Invalid_sort_quotes_the_raw_value_and_names_the_helper_after_the_error_type()
    {
        var error = ApiError.InvalidSort("{\"ts\":2}");
        Assert.Equal(400, (int)error.Status);
        Assert.Equal(
            """{"success":false,"error":"Invalid sort parameter provided: \"{\"ts\":2}\" [error-invalid-sort]","errorType":"error-invalid-sort","details":{"helperMethod":"parseJsonQuery"}}""",
            Body(error));
    }

    [Fact]
    public void Room_and_access_refusals_are_400_with_their_codes()
    {
        Assert.Equal(400, (int)ApiError.InvalidRoom.Status);
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", Body(ApiError.InvalidRoom));
        Assert.Equal(400, (int)ApiError.NotAllowed.Status);
        Assert.Equal("""{"success":false,"error":"error-not-allowed"}""", Body(ApiError.NotAllowed));
    }

    [Fact]
    public void Store_unavailable_is_503_and_carries_its_retry_hint()
    {
        var error = ApiError.ServiceUnavailable(TimeSpan.FromSeconds(3));
        Assert.Equal(503, (int)error.Status);
        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
        Assert.Equal("""{"success":false,"error":"service-unavailable"}""", Body(error));
    }

    [Fact]
    public void Internal_error_is_500_without_detail()
    {
        Assert.Equal(500, (int)ApiError.InternalError.Status);
        Assert.Equal("""{"success":false,"error":"internal-error"}""", Body(ApiError.InternalError));
    }

    private static string Body(ApiError error) => Encoding.UTF8.GetString(error.Body.Span);
}
