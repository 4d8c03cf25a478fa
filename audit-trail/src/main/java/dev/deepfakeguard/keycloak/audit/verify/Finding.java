package dev.deepfakeguard.keycloak.audit.verify;

/** One line of the verifier's report. */
record Finding(Severity severity, String message) {

    enum Severity {
        /** Something was altered, removed, reordered or forged. */
        INVALID,
        /** Nothing false was found, but not everything could be checked (truncated, unsigned, no manifest). */
        INCOMPLETE,
        /** Worth knowing, changes nothing: a new epoch, a range export that starts mid-chain. */
        NOTE
    }

    @Override
    public String toString() {
        return severity + ": " + message;
    }
}
