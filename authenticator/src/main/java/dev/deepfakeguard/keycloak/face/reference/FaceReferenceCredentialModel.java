package dev.deepfakeguard.keycloak.face.reference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A face reference as a Keycloak credential. The embedding vector lives only in the credential's secret data, which
 * Keycloak's admin and account REST endpoints blank before answering; the credential data, which they do return,
 * holds only the model id, the model digest and the dimension — enough for an admin to see which model made it.
 */
public final class FaceReferenceCredentialModel extends CredentialModel {

    public static final String TYPE = "deepfake-guard-face";
    /** What the person sees in the account console. */
    public static final String LABEL = "Face reference";

    /** Public part: which model made the template. */
    record Data(@JsonProperty("modelId") String modelId, @JsonProperty("modelDigest") String modelDigest,
                @JsonProperty("dimension") int dimension) {
        @JsonCreator
        Data {
        }
    }

    /** Secret part: the vector, base64 of little-endian float32. */
    record Secret(@JsonProperty("vector") String vector) {
        @JsonCreator
        Secret {
        }

        @Override
        public String toString() {
            return "Secret[vector=…]";
        }
    }

    private FaceReferenceCredentialModel() {
    }

    static FaceReferenceCredentialModel of(FaceTemplate template, long createdAtMillis) {
        FaceReferenceCredentialModel model = new FaceReferenceCredentialModel();
        model.setType(TYPE);
        model.setUserLabel(LABEL);
        model.setCreatedDate(createdAtMillis);
        model.setCredentialData(json(new Data(template.modelId(), template.modelDigest(), template.dimension())));
        model.setSecretData(json(new Secret(template.encodedVector())));
        return model;
    }

    static FaceReferenceCredentialModel from(CredentialModel stored) {
        FaceReferenceCredentialModel model = new FaceReferenceCredentialModel();
        model.setId(stored.getId());
        model.setType(stored.getType());
        model.setUserLabel(stored.getUserLabel());
        model.setCreatedDate(stored.getCreatedDate());
        model.setCredentialData(stored.getCredentialData());
        model.setSecretData(stored.getSecretData());
        return model;
    }

    /** The model digest recorded with the template, if readable; lets a caller spot an old model without the vector. */
    Optional<String> modelDigest() {
        return data().map(Data::modelDigest).filter(FaceTemplate::isDigest);
    }

    /** The template, or empty when the stored data is damaged (treated like no reference, never like a match). */
    Optional<FaceTemplate> template() {
        try {
            Optional<Data> data = data();
            if (data.isEmpty() || getSecretData() == null) {
                return Optional.empty();
            }
            Secret secret = JsonSerialization.readValue(getSecretData(), Secret.class);
            FaceTemplate template = FaceTemplate.decode(secret.vector(), data.get().modelId(),
                    data.get().modelDigest());
            return template.dimension() == data.get().dimension() ? Optional.of(template) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Data> data() {
        if (getCredentialData() == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JsonSerialization.readValue(getCredentialData(), Data.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String json(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
