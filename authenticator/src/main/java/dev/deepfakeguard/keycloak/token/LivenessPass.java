package dev.deepfakeguard.keycloak.token;

/** Reads the pass-time note; anything unreadable, in the future or too old is no pass. */
final class LivenessPass {

    private LivenessPass() {
    }

    static boolean within(String passedAtNote, long maxAgeSeconds, long nowEpochSeconds) {
        if (passedAtNote == null) {
            return false;
        }
        try {
            long age = nowEpochSeconds - Long.parseLong(passedAtNote.strip());
            return age >= 0 && age <= maxAgeSeconds;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
