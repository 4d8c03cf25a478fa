package dev.deepfakeguard.keycloak.helpdesk;

import java.time.Duration;
import java.util.List;

import org.keycloak.Config;

/**
 * Server-wide options of the helpdesk verification, read once at start-up
 * ({@code --spi-realm-restapi-extension--deepfake-guard-helpdesk--<key>}, e.g. {@code link-ttl-seconds}).
 *
 * @param linkTtl          how long the caller's link works
 * @param requestTtl       how long a request may stay open in total
 * @param resetTtl         how long the reset link in the user's e-mail works
 * @param codeAttempts     wrong codes before the request ends
 * @param limits           per-user and per-agent rate limits
 * @param privilegedGroups members of these groups (by path) always need an approver, like administrators
 * @param contactBlock     no verification while the user's e-mail address changed less than this long ago (zero:
 *                         off)
 * @param securityContact  whom the user should contact when a helpdesk reset was not theirs (text in the notice);
 *                         empty for the notice's generic wording
 */
public record HelpdeskSettings(Duration linkTtl, Duration requestTtl, Duration resetTtl, int codeAttempts,
                               RateLimits limits, List<String> privilegedGroups, Duration contactBlock,
                               String securityContact) {

    public static final String LINK_TTL = "link-ttl-seconds";
    public static final String REQUEST_TTL = "request-ttl-seconds";
    public static final String RESET_TTL = "reset-ttl-seconds";
    public static final String CODE_ATTEMPTS = "code-attempts";
    public static final String USER_PER_DAY = "user-per-day";
    public static final String AGENT_PER_HOUR = "agent-per-hour";
    public static final String PRIVILEGED_GROUPS = "privileged-groups";
    public static final String CONTACT_BLOCK_HOURS = "contact-change-block-hours";
    public static final String SECURITY_CONTACT = "security-contact";

    public HelpdeskSettings {
        if (linkTtl.isNegative() || linkTtl.isZero() || requestTtl.compareTo(linkTtl) < 0 || resetTtl.isNegative()
                || resetTtl.isZero() || codeAttempts < 1 || contactBlock.isNegative()
                || securityContact.length() > 200) {
            throw new IllegalArgumentException("helpdesk settings out of range");
        }
        privilegedGroups = List.copyOf(privilegedGroups);
    }

    public static HelpdeskSettings defaults() {
        return new HelpdeskSettings(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(15), 3,
                new RateLimits(3, 20), List.of(), Duration.ofHours(24), "");
    }

    public static HelpdeskSettings from(Config.Scope scope) {
        HelpdeskSettings d = defaults();
        String groups = scope.get(PRIVILEGED_GROUPS, "");
        return new HelpdeskSettings(
                Duration.ofSeconds(scope.getLong(LINK_TTL, d.linkTtl().toSeconds())),
                Duration.ofSeconds(scope.getLong(REQUEST_TTL, d.requestTtl().toSeconds())),
                Duration.ofSeconds(scope.getLong(RESET_TTL, d.resetTtl().toSeconds())),
                scope.getInt(CODE_ATTEMPTS, d.codeAttempts()),
                new RateLimits(scope.getInt(USER_PER_DAY, d.limits().userPerDay()),
                        scope.getInt(AGENT_PER_HOUR, d.limits().agentPerHour())),
                groups.isBlank() ? List.of() : List.of(groups.split(",")).stream().map(String::trim)
                        .filter(g -> !g.isEmpty()).toList(),
                Duration.ofHours(scope.getLong(CONTACT_BLOCK_HOURS, d.contactBlock().toHours())),
                scope.get(SECURITY_CONTACT, "").strip());
    }
}
