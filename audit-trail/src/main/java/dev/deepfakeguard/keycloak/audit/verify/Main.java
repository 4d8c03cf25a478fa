package dev.deepfakeguard.keycloak.audit.verify;

/** Entry point of {@code deepfake-guard-audit-verifier.jar}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new VerifierCli(System.out, System.err).run(args));
    }
}
