package io.nuage.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The reports' rounding is BigDecimal's half-up rounding of a double's decimal form, value for value. */
class TotalsRoundTest {

    private static double reference(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    private static void assertRoundsAsBigDecimal(double value, int decimals) {
        assertEquals(reference(value, decimals), Totals.round(value, decimals), () -> value + " to " + decimals + " decimals");
    }

    @Test
    void halvesRoundUpAsTheirDecimalFormSays() {
        // Doubles whose decimal form ends in a 5 where the binary value lies below it: 1.005 is 1.00499999999999989...
        assertEquals(1.01, Totals.round(1.005, 2));
        assertEquals(2.68, Totals.round(2.675, 2));
        assertEquals(0.1235, Totals.round(0.12345, 4));
        assertEquals(100.0, Totals.round(99.99995, 4));
        assertEquals(1.0, Totals.round(0.5, 0));
        for (int i = 0; i < 100_000; i++) {
            for (int decimals = 0; decimals <= 4; decimals++) {
                double half = (i + 0.5) / Math.pow(10, decimals); // the decimal i.5 at the last place, as near as a double is
                assertRoundsAsBigDecimal(half, decimals);
                assertRoundsAsBigDecimal(Math.nextUp(half), decimals);
                assertRoundsAsBigDecimal(Math.nextDown(half), decimals);
            }
        }
    }

    @Test
    void everyValueAReportRoundsComesOutAsBigDecimalSaysIt() {
        SplittableRandom random = new SplittableRandom(23);
        for (int i = 0; i < 2_000_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble() * 100; // percentages
                case 1 -> random.nextDouble() * 44_640; // minutes in a month
                case 2 -> random.nextInt(2_678_400) / 60.0; // whole seconds as minutes
                default -> 100.0 * random.nextInt(2_678_400) / (random.nextInt(2_678_400) + 1); // a part over a whole
            };
            assertRoundsAsBigDecimal(value, i % 5);
        }
    }

    @Test
    void largeNegativeAndOddValuesAreLeftToBigDecimal() {
        assertRoundsAsBigDecimal(-1.005, 2);
        assertRoundsAsBigDecimal(-2.5, 0);
        assertRoundsAsBigDecimal(1e12 + 0.123456, 4);
        assertRoundsAsBigDecimal(Double.MAX_VALUE, 2);
        assertRoundsAsBigDecimal(0.0, 4);
        assertRoundsAsBigDecimal(-0.0, 2);
        assertRoundsAsBigDecimal(1234.5678, -2);
        assertRoundsAsBigDecimal(Double.MIN_VALUE, 4);
        assertRoundsAsBigDecimal(3.14159265358979, 8);
        assertThrows(NumberFormatException.class, () -> Totals.round(Double.NaN, 2));
    }
}
