package dev.deepfakeguard.keycloak.events.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.ResourceType;

class AuditSelectionTest {

    @ParameterizedTest(name = "Given an admin change of {0}, then it is audited")
    @EnumSource(value = ResourceType.class, names = {"CLIENT", "COMPONENT", "USER_PROFILE", "USER",
            "AUTHENTICATOR_CONFIG", "AUTH_FLOW", "REALM", "CUSTOM"})
    void recordsChangesThatCanWeakenTheGuard(ResourceType type) {
        AdminEvent event = new AdminEvent();
        event.setResourceType(type);

        assertThat(AuditSelection.records(event)).isTrue();
    }

    @ParameterizedTest(name = "Given an admin change of {0}, then it is not audited")
    @EnumSource(value = ResourceType.class, names = {"CLIENT_SCOPE", "GROUP", "PROTOCOL_MAPPER"})
    void leavesOutUnrelatedChanges(ResourceType type) {
        AdminEvent event = new AdminEvent();
        event.setResourceType(type);

        assertThat(AuditSelection.records(event)).isFalse();
    }
}
