package dev.deepfakeguard.keycloak.helpdesk;

import java.time.Duration;

/**
 * How many verifications may start: per user one open at a time and a few per day, per agent a number per hour.
 * A request the caller reported ("I did not ask for this") counts against its agent for a whole day.
 */
public record RateLimits(int userPerDay, int agentPerHour) {

    public static final Duration USER_WINDOW = Duration.ofDays(1);
    public static final Duration AGENT_WINDOW = Duration.ofHours(1);
    public static final Duration REPORTED_WINDOW = Duration.ofDays(1);

    public RateLimits {
        if (userPerDay < 1 || agentPerHour < 1) {
            throw new IllegalArgumentException("rate limits must be at least 1");
        }
    }

    /** What the store counted for a new request, and the limit (if any) it would break. */
    public Refusal check(Counts counts) {
        if (counts.openForUser() > 0) {
            return Refusal.USER_HAS_OPEN_REQUEST;
        }
        if (counts.userToday() >= userPerDay) {
            return Refusal.USER_DAILY_LIMIT;
        }
        if (counts.agentLastHour() + counts.agentReportedToday() >= agentPerHour) {
            return Refusal.AGENT_HOURLY_LIMIT;
        }
        return null;
    }

    /** Numbers of requests the store found in the windows above. */
    public record Counts(long openForUser, long userToday, long agentLastHour, long agentReportedToday) {
    }
}
