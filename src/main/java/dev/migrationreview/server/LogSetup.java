package dev.migrationreview.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * The server's logging: one JSON object per line on stdout (logstash fields plus the MDC:
 * delivery_id, repository, pr_number, head_sha), or plain text for people at a terminal.
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
        var console = new ConsoleAppender<ILoggingEvent>();
        console.setContext(context);
        console.setName("stdout");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        context.getLogger("dev.migrationreview").setLevel(Level.INFO);
    }
}
