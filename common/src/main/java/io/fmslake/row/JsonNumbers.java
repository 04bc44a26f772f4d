package io.fmslake.row;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The decoder's rule for a JSON number with a fraction or exponent: a Double when the double holds its value exactly
 * as written (at most 15 significant digits, or the double's shortest form equals it), else its JSON text.
 */
final class JsonNumbers {
    private JsonNumbers() {}

    /** The current VALUE_NUMBER_FLOAT as a Double or, when no double holds it exactly, as its text. */
    static Object readFloat(JsonParser p) throws IOException {
        double d = p.getDoubleValue();
        if (Double.isInfinite(d)) {
            return p.getText();
        }
        if (significantDigits(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()) <= 15
                && Math.abs(d) >= Double.MIN_NORMAL) {
            return d;
        }
        String text = p.getText();
        return new BigDecimal(text).compareTo(new BigDecimal(Double.toString(d))) == 0 ? d : text;
    }

    /** Digits of the mantissa without leading zeros (trailing zeros count: a safe over-estimate). */
    private static int significantDigits(char[] text, int offset, int length) {
        int n = 0;
        boolean leading = true;
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = text[i];
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c >= '0' && c <= '9' && (c != '0' || !leading)) {
                leading = false;
                n++;
            }
        }
        return n;
    }
}
