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
     * @param scorer          the scorer the step calls ({@code dfg.scorer}, default {@code embedded})
     * @param modelVersion    the model version of that scorer's newest decision in this realm's audit trail; null
     *                        when it has decided nothing recently
     * @param stepUpRoute     a STEP_UP of this step leads to a second factor (below), so it is honoured
     * @param stepUpLeadsTo   the second factors a STEP_UP certainly leads to, in flow order, read from the flow as
     *                        the step itself reads it at sign-in; empty: the step denies every STEP_UP instead
     * @param fallbackLeadsTo the same for a STEP_UP the policy's fallback takes when the scorer gives no verdict
     */
    public record LivenessStep(String flow, String boundAs, String requirement, Map<String, String> settings,
                               String scorer, String modelVersion, boolean stepUpRoute, List<String> stepUpLeadsTo,
                               List<String> fallbackLeadsTo) {
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
