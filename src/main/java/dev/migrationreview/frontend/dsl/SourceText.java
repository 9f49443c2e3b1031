package dev.migrationreview.frontend.dsl;

import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.ParsedMigration.FrontendProblem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A migration's source decoded as UTF-8. Invalid bytes do not stop the review: they are replaced,
 * and the problem names the line of the first one.
 */
public record SourceText(String text, Optional<FrontendProblem> problem) {

    public static SourceText of(MigrationFile file) {
        byte[] bytes = file.source().content();
        int offset = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        var buffer = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buffer).toString();
            return new SourceText(text, Optional.empty());
        } catch (CharacterCodingException e) {
            String text = new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8);
            int bad = text.indexOf('\uFFFD');
            int line = 1 + (int) text.substring(0, Math.max(bad, 0)).chars().filter(c -> c == '\n').count();
            return new SourceText(text, Optional.of(new FrontendProblem(line,
                    "the file is not valid UTF-8 (first bad byte on line " + line + "); invalid bytes were replaced")));
        }
    }
}
