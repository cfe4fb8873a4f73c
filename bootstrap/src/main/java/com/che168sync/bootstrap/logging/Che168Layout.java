package com.che168sync.bootstrap.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One log line: {@code 2026-02-06 10:00:00 [INFO] message}, levels shown as INFO, WARNING, ERROR (DEBUG, TRACE),
 * every line passed through the {@link SecretMasker}. With {@code stackTraces} (the file) an exception's stack
 * trace follows its line; without (the console) only the exception's message is appended.
 */
public class Che168Layout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private boolean stackTraces = true;
    private String tag;

    public void setStackTraces(boolean stackTraces) {
        this.stackTraces = stackTraces;
    }

    /**
     * Which run wrote the line ({@code load pid 4242 db che168@localhost:5432}), appended in brackets to the message:
     * the log file is shared by every process on the same LOG_DIR, possibly against several databases. Null = none.
     */
    public void setTag(String tag) {
        this.tag = tag;
    }

    /** The level as the product shows it: WARN becomes WARNING. */
    public static String levelName(Level level) {
        return level.toInt() == Level.WARN_INT ? "WARNING" : level.toString();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        line.append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp())))
                .append(" [").append(levelName(event.getLevel())).append("] ")
                .append(event.getFormattedMessage());
        if (tag != null) {
            line.append(" [").append(tag).append(']');
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            if (stackTraces) {
                line.append(CoreConstants.LINE_SEPARATOR).append(ThrowableProxyUtil.asString(thrown));
            } else if (thrown.getMessage() != null && !event.getFormattedMessage().contains(thrown.getMessage())) {
                line.append(": ").append(thrown.getMessage());
            }
        }
        return SecretMasker.global().mask(line.toString()) + CoreConstants.LINE_SEPARATOR;
    }
}
