package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server on a free loopback port (GreenMail) that keeps what Keycloak sends, for the reset stories.
 */
public final class MailBox implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    private static final Pattern ACTION_LINK = Pattern.compile("https?://[^\\s\"'<>]+/login-actions/action-token\\?[^\\s\"'<>]+");
    /** Keycloak sends within the request that asked for the mail; room for a loaded 2-core machine. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GreenMail greenMail;

    public MailBox() {
        greenMail = new GreenMail(new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Waits (bounded) for a message to {@code address} and returns the action-token link it carries. */
    public String awaitActionLink(String address) {
        Optional<String> link = Poll.until(DELIVERY_TIMEOUT, () -> messagesTo(address).stream()
                .reduce((first, second) -> second).flatMap(MailBox::actionLink));
        return link.orElseThrow(() -> new AssertionError("no e-mail with an action link to " + address + " within "
                + DELIVERY_TIMEOUT.toSeconds() + " s; received " + greenMail.getReceivedMessages().length
                + " message(s)"));
    }

    /**
     * Waits (bounded) for a message to {@code address} whose action link carries a token of {@code tokenType} (the
     * token's {@code typ}), and returns the newest such link.
     */
    public String awaitActionLink(String address, String tokenType) {
        Optional<String> link = Poll.until(DELIVERY_TIMEOUT, () -> messagesTo(address).stream()
                .map(MailBox::actionLink).flatMap(Optional::stream)
                .filter(candidate -> tokenType.equals(actionToken(candidate).path("typ").asText()))
                .reduce((first, second) -> second));
        return link.orElseThrow(() -> new AssertionError("no e-mail with a " + tokenType + " link to " + address
                + " within " + DELIVERY_TIMEOUT.toSeconds() + " s"));
    }

    /** The decoded (not verified) payload of the action token in {@code link}. */
    public static JsonNode actionToken(String link) {
        String key = RelyingParty.queryParameter(URI.create(link), "key")
                .orElseThrow(() -> new AssertionError("no key in " + link));
        String[] parts = key.split("\\.");
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("action token of " + link + " unreadable", e);
        }
    }

    public List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> isTo(message, address)).toList();
    }

    private static boolean isTo(MimeMessage message, String address) {
        try {
            return message.getRecipients(Message.RecipientType.TO) != null
                    && Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(recipient -> recipient.toString().contains(address));
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable recipient", e);
        }
    }

    private static Optional<String> actionLink(MimeMessage message) {
        try {
            Matcher matcher = ACTION_LINK.matcher(text(message));
            return matcher.find() ? Optional.of(matcher.group().replace("&amp;", "&")) : Optional.empty();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("unreadable e-mail", e);
        }
    }

    /** The subject and decoded text of {@code message}. */
    public static String subjectAndText(MimeMessage message) {
        try {
            return message.getSubject() + "\n" + text(message);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("unreadable e-mail", e);
        }
    }

    /** The decoded text of every text part, so transfer encodings cannot break a link apart. */
    private static String text(Part part) throws IOException, MessagingException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                all.append(text(body)).append('\n');
            }
            return all.toString();
        }
        return content instanceof String text ? text : "";
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
