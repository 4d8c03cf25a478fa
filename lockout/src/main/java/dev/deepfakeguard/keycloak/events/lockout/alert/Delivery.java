package dev.deepfakeguard.keycloak.events.lockout.alert;

import java.net.URI;

/**
 * One claimed outbox entry with everything its delivery needs, resolved inside a transaction so that the network
 * call itself happens outside any.
 *
 * @param id         outbox id, also sent as the delivery id so receivers can drop duplicates
 * @param channel    webhook or email
 * @param payload    the alert JSON
 * @param url        webhook URL (webhook only)
 * @param secret     resolved HMAC key (webhook only); never logged
 * @param unusable   why it cannot be delivered as the realm is configured now, or null
 */
record Delivery(String id, String channel, String payload, URI url, byte[] secret, AlertFailure unusable) {

    @Override
    public String toString() {
        return "Delivery[" + id + ", " + channel + "]";
    }
}
