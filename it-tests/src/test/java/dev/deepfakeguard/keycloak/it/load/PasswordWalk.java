package dev.deepfakeguard.keycloak.it.load;

import java.util.List;

import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LoginPage;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.RelyingParty;

/** Stock Keycloak: the username/password form, then the code redirect, then the token request. */
final class PasswordWalk implements SignInWalk {

    private final KeycloakServer server;
    private final String realm;

    PasswordWalk(KeycloakServer server, String realm) {
        this.server = server;
        this.realm = realm;
    }

    @Override
    public List<String> steps() {
        return List.of("authorize", "password", "token");
    }

    @Override
    public boolean signIn(int client, StepTimes times) {
        RelyingParty app = RelyingParty.demoApp(server, realm);
        LoginPage form = times.time("authorize", app::login);
        Page result = times.time("password", () -> form.login(SignInWalk.user(client), LoadRealms.PASSWORD).page());
        if (!app.isCodeRedirect(result)) {
            throw new AssertionError("no code redirect: " + result.describe());
        }
        times.time("token", () -> app.redeem(result));
        return true;
    }
}
