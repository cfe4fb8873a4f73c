package com.che168sync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time from Linux's {@code /proc}, in clock ticks: of the API server's JVM, of the whole PostgreSQL server (the
 * postmaster, its living children, and the children that ended, which the postmaster collected), of this process
 * with the load generators it ran, and of the machine. Outside Linux, or for a database on another machine, the
 * parts that cannot be read are absent.
 */
final class ProcCpu {
    /** Linux's USER_HZ: what /proc counts in, 100 on every common kernel. */
    static final int TICKS_PER_SECOND = 100;

    private ProcCpu() {
    }

    /** One reading; -1 for what could not be read. */
    record Reading(long server, long database, long self, long machineBusy, long machineTotal) {
        /** CPU seconds per category between {@code before} and this reading. */
        Usage since(Reading before) {
            return new Usage(delta(server, before.server), delta(database, before.database), delta(self, before.self),
                    delta(machineBusy, before.machineBusy), delta(machineTotal, before.machineTotal));
        }

        private static double delta(long now, long then) {
            return now < 0 || then < 0 ? Double.NaN : (now - then) / (double) TICKS_PER_SECOND;
        }
    }

    /** CPU seconds used in an interval (NaN: unknown); machine = all cores together. */
    record Usage(double server, double database, double self, double machineBusy, double machineTotal) {
        /** What the rest of the machine (other users) used, in CPU seconds. */
        double others() {
            double ours = (Double.isNaN(server) ? 0 : server) + (Double.isNaN(database) ? 0 : database) + self;
            return Math.max(0, machineBusy - ours);
        }
    }

    static Reading read(long serverPid, long postmasterPid) {
        long[] machine = machine();
        return new Reading(serverPid > 0 ? own(serverPid) : -1, postmasterPid > 0 ? tree(postmasterPid) : -1,
                ownAndWaitedChildren(ProcessHandle.current().pid()), machine[0], machine[1]);
    }

    /** The postmaster of a backend (its parent), when that process runs on this machine and is PostgreSQL. */
    static OptionalLong postmasterOf(long backendPid) {
        long[] stat = stat(backendPid);
        if (stat == null) {
            return OptionalLong.empty();
        }
        try {
            String command = Files.readString(Path.of("/proc", Long.toString(stat[0]), "comm")).strip();
            return command.startsWith("postgres") ? OptionalLong.of(stat[0]) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** CPU time a process has used so far, in milliseconds; -1 when it cannot be read. */
    static long cpuMillis(long pid) {
        long ticks = own(pid);
        return ticks < 0 ? -1 : ticks * 1000 / TICKS_PER_SECOND;
    }

    private static long own(long pid) {
        long[] s = stat(pid);
        return s == null ? -1 : s[1] + s[2];
    }

    private static long ownAndWaitedChildren(long pid) {
        long[] s = stat(pid);
        return s == null ? -1 : s[1] + s[2] + s[3] + s[4];
    }

    /** The process, the children it collected, and its living children. */
    private static long tree(long pid) {
        long total = ownAndWaitedChildren(pid);
        if (total < 0) {
            return -1;
        }
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            for (Path p : all.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] s = stat(Long.parseLong(name));
                if (s != null && s[0] == pid) {
                    total += s[1] + s[2];
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    /** ppid, utime, stime, cutime, cstime of a process; null when it is gone or unreadable. */
    private static long[] stat(long pid) {
        try {
            String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count fields after its end
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                    Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Busy and total ticks of all cores. */
    private static long[] machine() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }
}
