package io.tlsaudit.cli;

import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportSection;
import io.tlsaudit.store.ResultTable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * What {@code report --fail-on} watches for monitoring: each condition read from the report's own sections, each with
 * its exit code, so a scheduler or a monitoring check tells them apart without parsing the report.
 */
enum FailOnCondition {
    LEGACY("legacy", ExitCodes.LEGACY_TLS) {
        @Override
        boolean holds(Report report) {
            return overviewCount(report, "legacy_connections") > 0 || overviewCount(report, "legacy_https_clients") > 0;
        }
    },
    LEGACY_ONLY("legacy-only", ExitCodes.LEGACY_ONLY) {
        @Override
        boolean holds(Report report) {
            return overviewCount(report, "legacy_only_peers") > 0
                    || overviewCount(report, "legacy_only_https_clients") > 0;
        }
    },
    WEAK("weak", ExitCodes.WEAK_CRYPTO) {
        @Override
        boolean holds(Report report) {
            return !table(report, "weak-crypto").rows().isEmpty();
        }
    },
    PLAINTEXT("plaintext", ExitCodes.PLAINTEXT) {
        @Override
        boolean holds(Report report) {
            return !table(report, "plaintext-peers").rows().isEmpty();
        }
    },
    NEW_LEGACY("new-legacy", ExitCodes.NEW_LEGACY) {
        @Override
        boolean holds(Report report) {
            ResultTable changes = table(report, "legacy-changes");
            int change = column(changes, "change", "legacy-changes");
            return changes.rows().stream().anyMatch(row -> "new".equals(row.get(change)));
        }
    };

    final String name;
    final int exitCode;

    FailOnCondition(String name, int exitCode) {
        this.name = name;
        this.exitCode = exitCode;
    }

    /** True when the condition holds in {@code report}. */
    abstract boolean holds(Report report);

    /** The exit code of the first of {@code conditions}, in the order given, that holds; 0 when none does. */
    static int exitCode(List<FailOnCondition> conditions, Report report) {
        for (FailOnCondition condition : conditions) {
            if (condition.holds(report)) {
                return condition.exitCode;
            }
        }
        return ExitCodes.OK;
    }

    private static ResultTable table(Report report, String section) {
        return report.section(section)
                .map(ReportSection::table)
                .orElseThrow(() -> new IllegalStateException("the report has no section " + section));
    }

    private static int column(ResultTable table, String name, String section) {
        int index = table.columns().indexOf(name);
        if (index < 0) {
            throw new IllegalStateException("section " + section + " has no column " + name + " (an edited queries/"
                    + section + ".sql must keep it)");
        }
        return index;
    }

    private static long overviewCount(Report report, String column) {
        ResultTable overview = table(report, "overview");
        Object value =
                overview.rows().isEmpty() ? null : overview.rows().get(0).get(column(overview, column, "overview"));
        return value instanceof Number number ? number.longValue() : 0;
    }

    /** Reads the names of {@code --fail-on}: {@code legacy-only}, not the constant's name. */
    static final class Converter implements CommandLine.ITypeConverter<FailOnCondition> {
        @Override
        public FailOnCondition convert(String value) {
            String wanted = value.toLowerCase(Locale.ROOT);
            return Arrays.stream(values())
                    .filter(condition -> condition.name.equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("'" + value + "' is not one of "
                            + Arrays.stream(values())
                                    .map(condition -> condition.name)
                                    .toList()));
        }
    }
}
