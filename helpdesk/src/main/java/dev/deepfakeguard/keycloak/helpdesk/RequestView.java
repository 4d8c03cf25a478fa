package dev.deepfakeguard.keycloak.helpdesk;

import dev.deepfakeguard.keycloak.helpdesk.store.RequestEntity;

/**
 * What an agent sees of a request: its state and what the agent may do next. Never a score, an image, a link or a
 * code.
 */
public record RequestView(String id, String state, String ticket, String userId, boolean privileged,
                          boolean approvalNeeded, boolean ownRequest, int codeAttemptsLeft, long createdAt,
                          long expiresAt) {

    static RequestView of(RequestEntity request, String agentId, int codeAttempts) {
        return new RequestView(request.getId(), request.getState(), request.getTicket(), request.getUserId(),
                request.isPrivileged(), request.isPrivileged() && request.getApproverId() == null,
                request.getAgentId().equals(agentId), Math.max(0, codeAttempts - request.getCodeAttempts()),
                request.getCreatedAt(), request.getExpiresAt());
    }
}
