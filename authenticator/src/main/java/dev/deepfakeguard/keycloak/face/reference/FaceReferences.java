package dev.deepfakeguard.keycloak.face.reference;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Clock;
import java.util.Optional;

/** Reads and writes a user's face reference; what the liveness step and the enrolment action use. */
public final class FaceReferences {

    private FaceReferences() {
    }

    /** What the account holds, as far as matching is concerned. */
    public sealed interface Lookup {
        /** No face reference at all. */
        record None() implements Lookup {
        }

        /** A reference exists but cannot be used: damaged data, or made by a model other than the one loaded. */
        record Unusable(String why) implements Lookup {
        }

        record Usable(FaceTemplate template, String credentialId) implements Lookup {
        }
    }

    /** Whether the user has a face reference at all, usable or not. */
    public static boolean exists(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(FaceReferenceCredentialModel.TYPE)
                .findAny().isPresent();
    }

    /**
     * The user's reference checked against the loaded model's digest. A reference made by another model never
     * matches silently: it is {@link Lookup.Unusable} with a reason an admin can act on.
     */
    public static Lookup lookup(UserModel user, String loadedModelDigest) {
        Optional<CredentialModel> stored = user.credentialManager()
                .getStoredCredentialsByTypeStream(FaceReferenceCredentialModel.TYPE).findFirst();
        if (stored.isEmpty()) {
            return new Lookup.None();
        }
        FaceReferenceCredentialModel model = FaceReferenceCredentialModel.from(stored.get());
        Optional<String> digest = model.modelDigest();
        if (digest.isEmpty()) {
            return new Lookup.Unusable("the stored face reference is damaged; the user must enrol again");
        }
        if (!digest.get().equals(loadedModelDigest)) {
            return new Lookup.Unusable("the face reference was made by model " + FaceTemplate.shortDigest(digest.get())
                    + " but model " + FaceTemplate.shortDigest(loadedModelDigest)
                    + " is loaded; the user must enrol again");
        }
        return model.template().<Lookup>map(template -> new Lookup.Usable(template, stored.get().getId()))
                .orElseGet(() -> new Lookup.Unusable("the stored face reference is damaged; the user must enrol again"));
    }

    /** Stores {@code template} as the user's only face reference, replacing an earlier one. */
    public static CredentialModel enrol(RealmModel realm, UserModel user, FaceTemplate template, Clock clock) {
        FaceReferenceCredentialModel model = FaceReferenceCredentialModel.of(template, clock.millis());
        return new FaceReferenceCredentialProvider(null, null).createCredential(realm, user, model);
    }
}
