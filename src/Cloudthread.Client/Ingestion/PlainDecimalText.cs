namespace Cloudthread.Client.Ingestion
{
    /// <summary>
    /// Reads the commonest way a number is written in a CSV file or a PowerShell string, [sign]digits[.digits] with at
    /// most 15 digits, without the general parser. Such digits and their power of ten are both exact doubles, so one
    /// division rounds to the double nearest the text: the one double.Parse returns (Clinger's fast path). Anything
    /// else (more digits, an exponent, white space, a lone point, negative zero) is left to double.Parse.
    /// </summary>
    internal static class PlainDecimalText
    {
        private const int MaxDigits = 15;

        private static readonly double[] PowersOfTen =
        {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        };

        public static bool TryParse(string text, out double value)
        {
            value = 0;
            var i = 0;
            var negative = false;
            if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
            {
                negative = text[0] == '-';
                i = 1;
            }

            long digits = 0;
            var count = 0;
            var fractionDigits = -1;
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (c >= '0' && c <= '9')
                {
                    if (++count > MaxDigits)
                    {
                        return false;
                    }

                    digits = (digits * 10) + (c - '0');
                    if (fractionDigits >= 0)
                    {
                        fractionDigits++;
                    }
                }
                else if (c == '.' && fractionDigits < 0 && count > 0)
                {
                    fractionDigits = 0;
                }
                else
                {
                    return false;
                }
            }

            // Needs a digit on each side of a point; "-0" is negative zero, which .NET Framework's parser reads as 0.
            if (count == 0 || fractionDigits == 0 || (negative && digits == 0))
            {
                return false;
            }

            value = digits / PowersOfTen[fractionDigits < 0 ? 0 : fractionDigits];
            if (negative)
            {
                value = -value;
            }

            return true;
        }
    }
}
