package dev.deepfakeguard.keycloak.scoring.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a scorer's answer into a completed {@link ScoreResult}, or a {@link ScorerFault}. The answer comes from
 * outside Keycloak and is treated as hostile: strict JSON, a tree (no data binding, so no polymorphic types), exact
 * types, and every value range-checked before it can influence a decision.
 */
final class ScoringResponseParser {

    private static final Logger LOG = Logger.getLogger(ScoringResponseParser.class);

    /** Leaves room for the authenticator's own codes within {@link ScoreResult}'s limit. */
    static final int MAX_VENDOR_REASONS = 8;

    private static final Pattern MODEL_VERSION = Pattern.compile("[A-Za-z0-9._+:-]{0,64}");

    /** Immutable and thread-safe. The contract is a flat object: a small depth limit costs nothing. */
    private static final ObjectReader READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(32)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .reader();

    private ScoringResponseParser() {
    }

    static ScoreResult parse(byte[] body, String scorerId, String requestId) throws ScorerFault {
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw malformed("body is not a JSON object");
        }
        String state = requiredText(root, "state");
        switch (state) {
            case "completed" -> {
                // the only state that can carry a verdict; checked below
            }
            case "pending" -> throw new ScorerFault(HttpReasonCodes.PENDING, "scorer answered pending");
            case "failed" -> throw new ScorerFault(HttpReasonCodes.FAILED, "scorer answered failed");
            default -> throw malformed("unknown state");
        }
        int liveness = basisPoints(root, "livenessScore");
        int synthetic = basisPoints(root, "syntheticScore");
        String modelVersion = requiredText(root, "modelVersion");
        if (!MODEL_VERSION.matcher(modelVersion).matches()) {
            throw malformed("modelVersion malformed");
        }
        List<String> reasons = reasonCodes(root.get("reasonCodes"), requestId);
        ScoreResult result = ScoreResult.completed(liveness, synthetic, scorerId, modelVersion, reasons);
        return root.has("matchScore") ? result.withMatchScore(basisPoints(root, "matchScore")) : result;
    }

    private static JsonNode readTree(byte[] body) throws ScorerFault {
        try {
            JsonNode root = READER.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw malformed("empty body");
            }
            return root;
        } catch (IOException e) {
            // Jackson's message may quote the body; log only the exception type.
            throw malformed("not strict JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String requiredText(JsonNode root, String field) throws ScorerFault {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw malformed(field + " missing or not a string");
        }
        return node.textValue();
    }

    /** Integers only: 1.5, 9000.0, 1e4 and "9000" are all rejected, so rounding never decides a login. */
    private static int basisPoints(JsonNode root, String field) throws ScorerFault {
        JsonNode node = root.get(field);
        if (node == null || !node.isNumber()) {
            throw malformed(field + " missing or not a number");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new ScorerFault(HttpReasonCodes.SCORE_OUT_OF_RANGE, field + " is not an integer");
        }
        int value = node.intValue();
        if (value < 0 || value > ScoreResult.MAX_BASIS_POINTS) {
            throw new ScorerFault(HttpReasonCodes.SCORE_OUT_OF_RANGE, field + " out of range: " + value);
        }
        return value;
    }

    /** Vendor codes are evidence for the log and events, never trusted blindly: anything not lower_snake is dropped. */
    private static List<String> reasonCodes(JsonNode node, String requestId) throws ScorerFault {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw malformed("reasonCodes is not an array");
        }
        List<String> codes = new ArrayList<>();
        int dropped = 0;
        for (JsonNode element : node) {
            String code = element.isTextual() ? element.textValue() : null;
            if (ReasonCodes.isValid(code) && !codes.contains(code) && codes.size() < MAX_VENDOR_REASONS) {
                codes.add(code);
            } else if (!codes.contains(code)) {
                dropped++;
            }
        }
        if (dropped > 0) {
            // Count only: the dropped values are attacker-controlled text.
            LOG.warnf("http scorer: dropped %d reason code(s) that are not lower_snake or exceed %d, requestId=%s",
                    dropped, MAX_VENDOR_REASONS, requestId);
        }
        return codes;
    }

    private static ScorerFault malformed(String detail) {
        return new ScorerFault(HttpReasonCodes.MALFORMED_RESPONSE, detail);
    }
}
