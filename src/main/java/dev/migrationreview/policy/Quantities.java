package dev.migrationreview.policy;

import java.util.Locale;

/** Row counts and byte sizes as people say them: "120 million rows", "45 GB". */
final class Quantities {

    private Quantities() {}

    static String rows(long rows) {
        if (rows == 1) {
            return "1 row";
        }
        if (rows < 10_000) {
            return String.format(Locale.ROOT, "%,d rows", rows);
        }
        String[] names = {"thousand", "million", "billion", "trillion"};
        double value = rows;
        int unit = -1;
        while (Math.round(value) >= 1000 && unit < names.length - 1) {
            value /= 1000;
            unit++;
        }
        return number(value) + " " + names[unit] + " rows";
    }

    static String bytes(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " bytes" : number(value) + " " + units[unit];
    }

    /** One decimal below 10 (1.2 million), none above (120 million). */
    private static String number(double value) {
        return value < 10 ? String.format(Locale.ROOT, "%.1f", value).replace(".0", "") : String.valueOf(Math.round(value));
    }
}
