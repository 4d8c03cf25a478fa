package dev.deepfakeguard.keycloak.audit.verify;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the verifier found: counts of valid items and one finding per problem, and the exit code they imply. */
public final class Report {

    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int INCOMPLETE = 2;

    private final List<Finding> findings = new ArrayList<>();
    long records;
    long validRecords;
    long elided;
    long erasedPersonalParts;
    long pending;
    long checkpoints;
    long validCheckpoints;
    long epochs;

    void invalid(String message) {
        findings.add(new Finding(Finding.Severity.INVALID, message));
    }

    void incomplete(String message) {
        findings.add(new Finding(Finding.Severity.INCOMPLETE, message));
    }

    void note(String message) {
        findings.add(new Finding(Finding.Severity.NOTE, message));
    }

    public List<String> findings() {
        return Collections.unmodifiableList(findings.stream().map(Finding::toString).toList());
    }

    public long records() {
        return records;
    }

    public long validRecords() {
        return validRecords;
    }

    public long checkpoints() {
        return checkpoints;
    }

    public long validCheckpoints() {
        return validCheckpoints;
    }

    public long erasedPersonalParts() {
        return erasedPersonalParts;
    }

    /** 0 valid, 1 invalid (anything altered wins over anything missing), 2 incomplete. */
    public int exitCode() {
        if (findings.stream().anyMatch(f -> f.severity() == Finding.Severity.INVALID)) {
            return INVALID;
        }
        if (findings.stream().anyMatch(f -> f.severity() == Finding.Severity.INCOMPLETE)) {
            return INCOMPLETE;
        }
        return VALID;
    }

    public String outcome() {
        return switch (exitCode()) {
            case VALID -> "VALID";
            case INVALID -> "INVALID";
            default -> "INCOMPLETE";
        };
    }

    public void print(PrintStream out) {
        findings.forEach(out::println);
        out.println("Results:");
        out.println("  " + validRecords + "/" + records + " records valid");
        out.println("  " + validCheckpoints + "/" + checkpoints + " checkpoints valid");
        out.println("  " + epochs + " chain epochs, " + elided + " records of other realms elided, "
                + erasedPersonalParts + " personal parts erased, " + pending + " records pending (not yet chained)");
        out.println("Export " + outcome() + " (exit " + exitCode() + ")");
    }
}
