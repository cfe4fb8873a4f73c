package com.che168sync.application.testing;

import com.che168sync.application.job.JobReporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link JobReporter} that keeps every line, prefixed {@code [INFO] }, {@code [WARNING] } or {@code [ERROR] }. */
public final class ReportedLines implements JobReporter {
    public final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String line) {
        lines.add("[INFO] " + line);
    }

    @Override
    public void warn(String line) {
        lines.add("[WARNING] " + line);
    }

    @Override
    public void error(String line, Throwable cause) {
        lines.add("[ERROR] " + line);
    }

    /** The lines of one level, without the prefix. */
    public List<String> at(String level) {
        String prefix = "[" + level + "] ";
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }
}
