package dev.deepfakeguard.keycloak.contract;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/** Sessions whose notes are a map, for tests of what {@link LivenessNotes} writes and reads. */
final class NoteMaps {

    private NoteMaps() {
    }

    static AuthenticationSessionModel authSession(Map<String, String> authNotes, Map<String, String> userNotes) {
        return (AuthenticationSessionModel) Proxy.newProxyInstance(NoteMaps.class.getClassLoader(),
                new Class<?>[] {AuthenticationSessionModel.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAuthNote" -> authNotes.get((String) args[0]);
                    case "setAuthNote" -> authNotes.put((String) args[0], (String) args[1]);
                    case "removeAuthNote" -> authNotes.remove((String) args[0]);
                    case "setUserSessionNote" -> userNotes.put((String) args[0], (String) args[1]);
                    case "getUserSessionNotes" -> userNotes;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static UserSessionModel userSession(Map<String, String> notes) {
        return (UserSessionModel) Proxy.newProxyInstance(NoteMaps.class.getClassLoader(),
                new Class<?>[] {UserSessionModel.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getNote" -> notes.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
