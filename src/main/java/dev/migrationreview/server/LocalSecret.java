package dev.migrationreview.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A webhook secret for a server started without one: generated once into the data folder
 * (readable by its owner only) and reused, so senders can sign with it. It is never logged;
 * the log names the file.
 */
final class LocalSecret {

    static final String FILE = "webhook-secret";

    private LocalSecret() {}

    static Secret loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return new Secret(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = HexFormat.of().formatHex(random);
            Files.createDirectories(dataDir);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            return new Secret(secret);
        } catch (FileAlreadyExistsException e) {
            return loadOrCreate(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the webhook secret file " + file, e);
        }
    }
}
