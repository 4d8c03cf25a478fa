package dev.deepfakeguard.keycloak.contract;

/**
 * Failed liveness attempts of one authentication session, read once per request through
 * {@link LivenessNotes#attempts} and passed along. A note that does not parse counts as exhausted.
 *
 * @param used failed attempts so far; {@link Integer#MAX_VALUE} when the note could not be read
 */
public record Attempts(int used) {

    /** None used: the state of a sign-in without the note. */
    public static final Attempts NONE = new Attempts(0);
    /** What an unreadable note means: nothing left. */
    public static final Attempts EXHAUSTED = new Attempts(Integer.MAX_VALUE);

    public Attempts {
        if (used < 0) {
            throw new IllegalArgumentException("used attempts cannot be negative: " + used);
        }
    }

    /** Parses the note; absent is {@link #NONE}, unreadable is {@link #EXHAUSTED}, a negative count is none. */
    static Attempts fromNote(String note) {
        if (note == null) {
            return NONE;
        }
        try {
            return new Attempts(Math.max(0, Integer.parseInt(note)));
        } catch (NumberFormatException e) {
            return EXHAUSTED;
        }
    }

    /** The number of the attempt now being made (1 for the first), as shown to the person and in events. */
    public int current() {
        return used == Integer.MAX_VALUE ? used : used + 1;
    }

    /** Whether no attempt is left of {@code max}. */
    public boolean exhausted(int max) {
        return used >= max;
    }

    /** The count after one more failure; an exhausted count stays exhausted. */
    Attempts failedOnce() {
        return new Attempts(current());
    }
}
