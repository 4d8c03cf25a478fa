package dev.deepfakeguard.keycloak.face.reference;

import java.util.Optional;

/**
 * A face template as one line of text, for a store outside the credential (the helpdesk request that holds a
 * consented template until its reset is issued): model id, model digest and the base64 vector, separated by
 * spaces, none of which can contain one. Biometric data: callers keep it server-side only.
 */
public final class FaceTemplateText {

    private FaceTemplateText() {
    }

    public static String write(FaceTemplate template) {
        return template.modelId() + " " + template.modelDigest() + " " + template.encodedVector();
    }

    /** The template; empty for null or damaged text. */
    public static Optional<FaceTemplate> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split(" ", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(FaceTemplate.decode(parts[2], parts[0], parts[1]));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
