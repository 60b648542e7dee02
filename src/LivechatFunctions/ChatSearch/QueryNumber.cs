using System.Globalization;

namespace LivechatFunctions.ChatSearch;

/// <summary>
/// Reads <c>offset</c> and <c>count</c> as Rocket.Chat does. Its validator (ajv with type coercion) turns a query value
/// into a number whenever JavaScript's <c>Number()</c> reads one from it, so clients written for it may send <c>+5</c>,
/// <c> 5 </c>, <c>5.</c>, <c>.5</c>, <c>0x10</c> or <c>Infinity</c> and be served. A value of nothing but white space
/// is 0, as <c>Number()</c> reads it; an empty value never gets here (it is the parameter left out, spec §1).
/// </summary>
internal static class QueryNumber
{
    // Where JavaScript stops writing a number's digits out and switches to exponent form (Number::toString).
    private const double ExponentFormFrom = 1e21;
    private const double ExponentFormBelow = 1e-6;

    public static bool TryParse(string text, out double value)
    {
        value = 0;
        var number = TrimWhiteSpace(text.AsSpan());
        if (number.IsEmpty)
        {
            return true;
        }

        // 0x, 0o and 0b take no sign, no fraction and no exponent.
        if (number.Length > 1 && number[0] == '0' && Radix(number[1]) is { } radix)
        {
            return TryParseInteger(number[2..], radix, out value);
        }

        var unsigned = number[0] is '+' or '-' ? number[1..] : number;
        if (unsigned.SequenceEqual("Infinity"))
        {
            value = number[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (!IsDecimal(unsigned))
        {
            return false;
        }

        // What IsDecimal lets through, this reads; one too large for a double reads as infinity, as in JavaScript.
        value = double.Parse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>
    /// <c>parseInt(String(value))</c> for a finite value that is not negative, as Rocket.Chat's pagination takes it:
    /// the integer part where JavaScript writes the digits out, and only the first digit where it writes an exponent
    /// (<c>1e21</c> is "1e+21", so 1; <c>1e-7</c> is "1e-7", so 1).
    /// </summary>
    public static double JavaScriptInteger(double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite values that are not negative have an integer here.");
        }

        if (value == 0 || (value >= ExponentFormBelow && value < ExponentFormFrom))
        {
            return Math.Truncate(value);
        }

        // Both languages write the shortest digits that read back as the same double, so the first one is the same.
        return value.ToString("R", CultureInfo.InvariantCulture)[0] - '0';
    }

    private static int? Radix(char prefix) => prefix switch
    {
        'x' or 'X' => 16,
        'o' or 'O' => 8,
        'b' or 'B' => 2,
        _ => null,
    };

    // Digit by digit in a double: exact up to 2^53, where JavaScript may round a longer literal one unit differently.
    // Offset and count are clamped far below that, so no answer can tell the two apart.
    private static bool TryParseInteger(ReadOnlySpan<char> digits, int radix, out double value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? (c | 0x20) - 'a' + 10 : int.MaxValue;
            if (digit >= radix)
            {
                return false;
            }

            value = (value * radix) + digit;
        }

        return true;
    }

    // Digits with an optional point anywhere among them (at least one digit), then an optional exponent with digits.
    private static bool IsDecimal(ReadOnlySpan<char> text)
    {
        var i = 0;
        var digits = SkipDigits(text, ref i);
        if (i < text.Length && text[i] == '.')
        {
            i++;
            digits += SkipDigits(text, ref i);
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (SkipDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static int SkipDigits(ReadOnlySpan<char> text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }

    private static ReadOnlySpan<char> TrimWhiteSpace(ReadOnlySpan<char> text)
    {
        var start = 0;
        while (start < text.Length && IsJavaScriptWhiteSpace(text[start]))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && IsJavaScriptWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    // JavaScript's white space and line terminators, which Number() trims. Not char.IsWhiteSpace: that takes U+0085
    // (JavaScript does not) and leaves U+FEFF (JavaScript takes it).
    private static bool IsJavaScriptWhiteSpace(char c) =>
        c is '\t' or '\n' or '\v' or '\f' or '\r' or '\uFEFF' or '\u2028' or '\u2029'
        || char.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator;
}
