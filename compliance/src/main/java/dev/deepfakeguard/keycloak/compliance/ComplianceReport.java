package dev.deepfakeguard.keycloak.compliance;

import java.util.List;
import java.util.Map;

/**
 * What a compliance lead needs to show that a realm's controls are on and working, with what is misconfigured.
 *
 * @param mediaRetention        how long camera frames are kept
 * @param faceReferences        whether decisions compare against enrolled face references, and how many users have one
 * @param lockout               the realm's lockout thresholds (webhook secret masked unless it is a vault reference)
 */
public record ComplianceReport(String realm, long generatedAt, List<LivenessStep> livenessSteps,
                               List<LocaleText> locales, boolean themeHasLivenessPage, String mediaRetention,
                               String faceReferences, boolean lockoutListenerEnabled, Map<String, String> lockout,
                               Audit audit, List<Flag> flags) {

    /**
     * One liveness step.
     *
     * @param flow        path from the top-level flow, e.g. {@code browser > forms > deepfake-guard-liveness}
     * @param boundAs     the realm binding of the top-level flow ({@code browser}, …) or {@code none}
     * @param settings    the step's {@code dfg.*} settings as configured; missing ones take their defaults
     * @param stepUpRoute a "Condition – Deepfake Guard risk" with a second factor follows the step in its flow
     */
    public record LivenessStep(String flow, String boundAs, String requirement, Map<String, String> settings,
                               boolean stepUpRoute) {
    }

    /** Whether the disclosure and the consent label can be shown in a locale the realm offers. */
    public record LocaleText(String locale, boolean disclosure, boolean consent) {
    }

    /**
     * @param lastCheckpointAt epoch millis of this node's newest signed checkpoint; null when none yet
     * @param status           {@code signed} (tail within three heartbeats, no failure) or {@code degraded}
     */
    public record Audit(String node, String keyId, boolean developmentKey, Long lastCheckpointAt,
                        long unsignedTailSeconds, long captureFailures, long chainFailures, String status) {
    }

    /** A misconfiguration: {@code error} means a control is off or can be bypassed, {@code warning} a weakness. */
    public record Flag(String code, String severity, String subject, String message) {

        static Flag error(String code, String subject, String message) {
            return new Flag(code, "error", subject, message);
        }

        static Flag warning(String code, String subject, String message) {
            return new Flag(code, "warning", subject, message);
        }
    }
}
