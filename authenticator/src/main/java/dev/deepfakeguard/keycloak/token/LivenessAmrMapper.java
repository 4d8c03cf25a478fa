package dev.deepfakeguard.keycloak.token;

import dev.deepfakeguard.keycloak.contract.LivenessNotes;
import dev.deepfakeguard.keycloak.contract.SessionNotes;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.IDToken;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Adds {@code liveness} to the {@code amr} claim only when a liveness check really passed (ALLOW) within the max
 * age. Keycloak's generic AMR mapper credits every successful execution, which would include a liveness step that
 * ended in a step-up or a scorer fallback; this mapper reads the pass time the liveness step writes instead.
 * Merges with an {@code amr} claim set by other mappers.
 */
public final class LivenessAmrMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String PROVIDER_ID = "deepfake-guard-amr-mapper";
    static final String MAX_AGE_SECONDS = "dfg.amr.maxAgeSeconds";
    static final String AMR_CLAIM = "amr";
    private static final long DEFAULT_MAX_AGE_SECONDS = 300;

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(MAX_AGE_SECONDS).label("Max age (seconds)")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(Long.toString(DEFAULT_MAX_AGE_SECONDS))
            .helpText("A passed liveness check counts for the amr claim for this long.")
            .add()
            .build();

    private final Clock clock = Clock.systemUTC();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Deepfake Guard – liveness in amr";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds 'liveness' to the amr claim when the Deepfake Guard liveness check passed within the max age.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        if (!LivenessNotes.passedWithin(userSession.getNote(SessionNotes.LIVENESS_PASSED_AT), maxAge(mappingModel),
                clock.instant().getEpochSecond())) {
            return;
        }
        List<Object> amr = new ArrayList<>();
        Object existing = token.getOtherClaims().get(AMR_CLAIM);
        if (existing instanceof Collection<?> values) {
            amr.addAll(values);
        } else if (existing != null) {
            amr.add(existing);
        }
        if (!amr.contains(SessionNotes.AMR_LIVENESS)) {
            amr.add(SessionNotes.AMR_LIVENESS);
        }
        token.getOtherClaims().put(AMR_CLAIM, amr);
    }

    private static long maxAge(ProtocolMapperModel model) {
        String raw = model.getConfig() == null ? null : model.getConfig().get(MAX_AGE_SECONDS);
        try {
            return raw == null || raw.isBlank() ? DEFAULT_MAX_AGE_SECONDS : Math.max(0, Long.parseLong(raw.strip()));
        } catch (NumberFormatException e) {
            return 0; // an unreadable max age credits nothing
        }
    }
}
