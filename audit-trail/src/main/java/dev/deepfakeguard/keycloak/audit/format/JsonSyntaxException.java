package dev.deepfakeguard.keycloak.audit.format;

/** Input that is not the JSON subset audit files use; the message names the column so a person can find it. */
public final class JsonSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int column;

    JsonSyntaxException(String reason, int column) {
        super(reason + " at column " + column);
        this.column = column;
    }

    /** 1-based column (UTF-16 index + 1) where reading stopped. */
    public int column() {
        return column;
    }
}
