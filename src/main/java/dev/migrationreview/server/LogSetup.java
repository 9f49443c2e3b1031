package dev.migrationreview.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.migrationreview.redaction.Redaction;
import java.nio.charset.StandardCharsets;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * The server's logging: one JSON object per line on stdout (logstash fields plus the MDC:
 * delivery_id, repository, pr_number, head_sha), or plain text for people at a terminal. Every
 * line, its stack trace included, passes through {@link Redaction} on its way out, whichever
 * library logged it.
 */
public final class LogSetup {

    private LogSetup() {}

    public enum Format { JSON, TEXT }

    public static void install(Format format) {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Encoder<ILoggingEvent> encoder = switch (format) {
            case JSON -> {
                var json = new LogstashEncoder();
                json.setContext(context);
                json.start();
                yield json;
            }
            case TEXT -> {
                var text = new PatternLayoutEncoder();
                text.setContext(context);
                text.setPattern("%d{HH:mm:ss.SSS} %-5level [%X{delivery_id}] %logger{20} %msg%n");
                text.start();
                yield text;
            }
        };
        var redacting = new RedactingEncoder(encoder);
        redacting.setContext(context);
        redacting.start();
        var console = new ConsoleAppender<ILoggingEvent>();
        console.setContext(context);
        console.setName("stdout");
        console.setEncoder(redacting);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        context.getLogger("dev.migrationreview").setLevel(Level.INFO);
    }

    /** Encodes with the chosen format, then masks secrets in the finished line. */
    private static final class RedactingEncoder extends EncoderBase<ILoggingEvent> {
        private final Encoder<ILoggingEvent> format;

        RedactingEncoder(Encoder<ILoggingEvent> format) {
            this.format = format;
        }

        @Override
        public byte[] headerBytes() {
            return format.headerBytes();
        }

        @Override
        public byte[] encode(ILoggingEvent event) {
            String line = new String(format.encode(event), StandardCharsets.UTF_8);
            return Redaction.redact(line).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] footerBytes() {
            return format.footerBytes();
        }
    }
}
