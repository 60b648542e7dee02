using LivechatFunctions.Importer.Export;
using LivechatFunctions.Importer.Tests.TestData;

namespace LivechatFunctions.Importer.Tests.Export;

public class ExtendedJsonTests
{
    [Fact]
    public void Relaxed_date_becomes_an_iso_utc_string_with_milliseconds() =>
        Assert.Equal("\"2021-07-22T17:17:04.216Z\"", Json.Convert("""{"$date":"2021-07-22T17:17:04.216Z"}"""));

    [Fact]
    public void Canonical_date_in_milliseconds_becomes_the_same_string() =>
        Assert.Equal("\"2021-07-22T17:17:04.216Z\"", Json.Convert("""{"$date":{"$numberLong":"1626974224216"}}"""));

    [Fact]
    public void Date_without_milliseconds_gains_them() =>
        Assert.Equal("\"2021-07-22T17:17:04.000Z\"", Json.Convert("""{"$date":"2021-07-22T17:17:04Z"}"""));

    [Fact]
    public void Date_with_an_offset_is_moved_to_utc() =>
        Assert.Equal("\"2021-07-22T15:17:04.216Z\"", Json.Convert("""{"$date":"2021-07-22T17:17:04.216+02:00"}"""));

    [Fact]
    public void Legacy_date_as_bare_milliseconds_is_read() =>
        Assert.Equal("\"2021-07-22T17:17:04.216Z\"", Json.Convert("""{"$date":1626974224216}"""));

    [Fact]
    public void Date_before_1970_in_milliseconds_is_read() =>
        Assert.Equal("\"1969-12-31T23:59:59.999Z\"", Json.Convert("""{"$date":{"$numberLong":"-1"}}"""));

    [Fact]
    public void Number_long_becomes_a_json_number() => Assert.Equal("5", Json.Convert("""{"$numberLong":"5"}"""));

    [Fact]
    public void Number_int_becomes_a_json_number() => Assert.Equal("-7", Json.Convert("""{"$numberInt":"-7"}"""));

    [Fact]
    public void Number_double_becomes_a_json_number() => Assert.Equal("4.5", Json.Convert("""{"$numberDouble":"4.5"}"""));

    [Fact]
    public void Number_double_in_exponent_form_becomes_a_json_number() => Assert.Equal("1E+300", Json.Convert("""{"$numberDouble":"1.0E+300"}"""));

    [Theory]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("NaN")]
    public void Non_finite_double_becomes_null(string value) => Assert.Equal("null", Json.Convert($$"""{"$numberDouble":"{{value}}"}"""));

    [Fact]
    public void Number_decimal_becomes_a_json_number() => Assert.Equal("12.50", Json.Convert("""{"$numberDecimal":"12.50"}"""));

    [Fact]
    public void Number_decimal_beyond_dotnet_decimal_keeps_its_text() =>
        Assert.Equal("\"1E+6000\"", Json.Convert("""{"$numberDecimal":"1E+6000"}"""));

    [Fact]
    public void Object_id_becomes_its_hex_string() =>
        Assert.Equal("\"65e1f0000000000000000001\"", Json.Convert("""{"$oid":"65e1f0000000000000000001"}"""));

    [Fact]
    public void Canonical_binary_becomes_its_base64_string() =>
        Assert.Equal("\"AQID\"", Json.Convert("""{"$binary":{"base64":"AQID","subType":"00"}}"""));

    [Fact]
    public void Legacy_binary_becomes_its_base64_string() =>
        Assert.Equal("\"AQID\"", Json.Convert("""{"$binary":"AQID","$type":"00"}"""));

    [Fact]
    public void Wrappers_inside_objects_and_arrays_are_converted() =>
        Assert.Equal(
            """{"a":[1,{"n":5}],"b":{"ts":"2021-07-22T17:17:04.216Z"}}""",
            Json.Convert("""{"a":[{"$numberInt":"1"},{"n":{"$numberLong":"5"}}],"b":{"ts":{"$date":"2021-07-22T17:17:04.216Z"}}}"""));

    [Fact]
    public void Unknown_wrapper_is_kept_as_an_object() =>
        Assert.Equal("""{"$timestamp":{"t":1626974224,"i":1}}""", Json.Convert("""{"$timestamp":{"t":1626974224,"i":1}}"""));

    [Fact]
    public void Dollar_key_beside_other_keys_is_not_a_wrapper() =>
        Assert.Equal("""{"$date":"x","other":1}""", Json.Convert("""{"$date":"x","other":1}"""));

    [Fact]
    public void Plain_json_passes_through_unchanged() =>
        Assert.Equal("""{"s":"text","n":1.25,"b":true,"z":null,"a":[]}""", Json.Convert("""{"s":"text","n":1.25,"b":true,"z":null,"a":[]}"""));

    [Fact]
    public void Non_ascii_text_stays_utf8_rather_than_escaped() =>
        Assert.Equal("\"Olá, 你好\"", Json.Convert("\"Olá, 你好\""));

    [Fact]
    public void Date_that_is_not_a_date_is_an_error() =>
        Assert.Throws<ExtendedJsonException>(() => Json.Convert("""{"$date":"yesterday"}"""));

    [Fact]
    public void Number_long_that_is_not_an_integer_is_an_error() =>
        Assert.Throws<ExtendedJsonException>(() => Json.Convert("""{"$numberLong":"5.5"}"""));

    [Fact]
    public void Date_outside_years_1_to_9999_is_an_error() =>
        Assert.Throws<ExtendedJsonException>(() => Json.Convert("""{"$date":{"$numberLong":"999999999999999999"}}"""));

    [Fact]
    public void Object_id_reads_as_a_string_id()
    {
        Assert.True(ExtendedJson.TryGetString(Json.Parse("""{"$oid":"65e1f0000000000000000001"}"""), out var id));
        Assert.Equal("65e1f0000000000000000001", id);
    }

    [Fact]
    public void Converted_iso_string_still_reads_as_an_instant()
    {
        Assert.True(ExtendedJson.TryGetInstant(Json.Parse("\"2021-07-22T17:17:04.216Z\""), out var instant));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1626974224216), instant);
    }

    [Fact]
    public void Free_text_is_not_taken_for_a_date() =>
        Assert.False(ExtendedJson.TryGetInstant(Json.Parse("\"07/22/2021 17:17\""), out _));
}
