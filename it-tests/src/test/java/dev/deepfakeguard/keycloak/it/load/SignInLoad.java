package dev.deepfakeguard.keycloak.it.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakJvm;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;

/**
 * The load driver (docs/performance.md, "Sign-ins under load"): stock password sign-in beside the guarded ones on
 * the same Keycloak process in the same run, at each concurrency in turn. Not a test: its name matches neither
 * Surefire's nor Failsafe's patterns, so only {@code -Dit.test=SignInLoad} runs it, through Failsafe, which starts
 * the server as for the ITs. It prints the tables and writes them to {@code target/sign-in-load.md}.
 */
@ExtendWith(KeycloakExtension.class)
class SignInLoad {

    private static final String STOCK = "stock password";

    @Test
    void measure(KeycloakServer server, AdminClient admin) {
        LoadRun run = LoadRun.fromSystemProperties();
        int users = run.users();
        ProcessCpu cpu = new ProcessCpu(KeycloakJvm.pid());
        List<LoadPoint> points;
        try (ScorerStandIn scorer = new ScorerStandIn().live();
             ManagedRealm stock = admin.createRealm(LoadRealms.stock("load-stock", users));
             ManagedRealm http = admin.createRealm(LoadRealms.guarded("load-http", users, scorer.url()));
             ManagedRealm embedded = admin.createRealm(LoadRealms.guarded("load-embedded", users, null))) {
            Map<String, SignInWalk> walks = new LinkedHashMap<>();
            walks.put(STOCK, new PasswordWalk(server, stock.name()));
            walks.put("guard, http scorer", new LivenessWalk(server, http.name(), false));
            walks.put("guard, embedded scorer", new LivenessWalk(server, embedded.name(), true));
            points = run.measure(walks, cpu, scorer);
        }
        write(points);
    }

    private static void write(List<LoadPoint> points) {
        StringBuilder report = new StringBuilder(LoadReport.header()).append('\n');
        points.forEach(p -> report.append(LoadReport.row(p)).append('\n'));
        report.append('\n').append(LoadReport.ratios(points, STOCK));
        LoadReport.save(report, "sign-in-load.md");
    }
}
