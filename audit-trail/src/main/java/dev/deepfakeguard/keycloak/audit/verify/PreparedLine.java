package dev.deepfakeguard.keycloak.audit.verify;

/**
 * One export line after the work that needs nothing but the line itself (scanning or parsing, hashing), done on any
 * thread; the verifier then applies prepared lines one after the other, in file order, so its report does not depend
 * on which thread prepared what.
 */
sealed interface PreparedLine permits FastRecordPath.Checked, ParsedLine {
}
