package dev.deepfakeguard.keycloak.events.lockout.alert;

import java.time.Instant;

/** Plain words for the people in the alert role; HTML is the same text, escaped. */
final class AlertEmail {

    private AlertEmail() {
    }

    static String subject(LockAlert alert) {
        return "[Deepfake Guard] " + ("user".equals(alert.subjectKind()) ? "Account" : "Source address")
                + " locked in realm " + alert.realm();
    }

    static String text(LockAlert alert) {
        String who = "user".equals(alert.subjectKind())
                ? "The account " + (alert.username() == null ? alert.userId() : alert.username())
                : "The source address " + alert.source();
        String until = alert.lockedUntil() == null ? "until an administrator unlocks it (permanent lock)"
                : "until " + Instant.ofEpochSecond(alert.lockedUntil());
        return who + " in realm " + alert.realm() + " was locked at " + Instant.ofEpochSecond(alert.lockedAt())
                + " " + until + ".\nReason: " + alert.reason() + " (" + alert.failures()
                + " failed liveness or deepfake checks).\nSee the Deepfake Guard lockout list in the admin API.";
    }

    static String html(LockAlert alert) {
        return "<pre>" + text(alert).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</pre>";
    }
}
