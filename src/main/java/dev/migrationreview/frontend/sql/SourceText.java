package dev.migrationreview.frontend.sql;

import dev.migrationreview.frontend.ParsedMigration.FrontendProblem;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A migration file's bytes as text. Invalid UTF-8 is replaced (U+FFFD) and reported once with the
 * line of the first bad byte; content with NUL bytes is a binary file and is not read as SQL.
 */
record SourceText(String text, Optional<FrontendProblem> problem, boolean binary) {

    static SourceText decode(byte[] bytes) {
        int nul = indexOf(bytes, (byte) 0);
        if (nul >= 0) {
            return new SourceText("", Optional.of(new FrontendProblem(lineAt(bytes, nul),
                    "binary file: contains NUL bytes, so it is not SQL text and was not reviewed")), true);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        int firstBad = -1;
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                if (firstBad < 0) {
                    firstBad = in.position();
                }
                out.put('\uFFFD');
                in.position(in.position() + result.length());
            } else {
                break;
            }
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Optional<FrontendProblem> problem = firstBad < 0 ? Optional.empty() : Optional.of(new FrontendProblem(
                lineAt(bytes, firstBad), "file is not valid UTF-8: invalid bytes were replaced by U+FFFD; "
                + "save it as UTF-8 so names and strings are read as written"));
        return new SourceText(text, problem, false);
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
