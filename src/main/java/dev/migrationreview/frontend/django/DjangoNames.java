package dev.migrationreview.frontend.django;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The names Django's schema editor gives indexes and constraints it creates, computed as
 * {@code BaseDatabaseSchemaEditor._create_index_name} does (an md5 digest of table and columns),
 * so a later RemoveIndex or a finding names the same object the database has.
 */
final class DjangoNames {

    private static final int POSTGRES_MAX_NAME = 63;

    private DjangoNames() {}

    static String index(String table, List<String> columns, String suffix) {
        String joined = String.join("_", columns);
        var hashed = new StringBuilder(digest(table, columns)).append(suffix).toString();
        String name = table + "_" + joined + "_" + hashed;
        if (name.length() <= POSTGRES_MAX_NAME) {
            return name;
        }
        if (hashed.length() > POSTGRES_MAX_NAME / 3) {
            hashed = hashed.substring(0, POSTGRES_MAX_NAME / 3);
        }
        int other = (POSTGRES_MAX_NAME - hashed.length()) / 2 - 1;
        name = prefix(table, other) + "_" + prefix(joined, other) + "_" + hashed;
        if (name.charAt(0) == '_' || Character.isDigit(name.charAt(0))) {
            name = "D" + name.substring(0, name.length() - 1);
        }
        return name;
    }

    private static String prefix(String s, int length) {
        return s.length() <= length ? s : s.substring(0, length);
    }

    private static String digest(String table, List<String> columns) {
        try {
            var md5 = MessageDigest.getInstance("MD5");
            md5.update(table.getBytes(StandardCharsets.UTF_8));
            for (String column : columns) {
                md5.update(column.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md5.digest()).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java runtime", e);
        }
    }
}
