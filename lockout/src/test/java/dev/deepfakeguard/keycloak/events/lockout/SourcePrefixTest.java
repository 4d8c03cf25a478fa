package dev.deepfakeguard.keycloak.events.lockout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourcePrefixTest {

    private static final SourcePrefix DEFAULTS = new SourcePrefix(32, 64);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "203.0.113.7, 203.0.113.7",
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "127.0.0.1, 127.0.0.1"})
    void keysIpv4ByTheWholeAddressByDefault(String address, String key) {
        assertThat(DEFAULTS.key(address)).contains(key);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2001:db8:1:2:aaaa:bbbb:cccc:dddd, 2001:db8:1:2::/64",
            "2001:db8:1:2::1, 2001:db8:1:2::/64",
            "2001:0DB8:0001:0002:0000:0000:0000:0001, 2001:db8:1:2::/64",
            "2001:db8::, 2001:db8::/64",
            "::1, ::/64",
            "::, ::/64",
            "fe80::1:2:3:4, fe80::/64",
            "2001:db8:0:0:1::, 2001:db8::/64",
            "64:ff9b::192.0.2.1, 64:ff9b::/64"})
    void keysIpv6ByItsSlash64ByDefault(String address, String key) {
        assertThat(DEFAULTS.key(address)).contains(key);
    }

    @Test
    void givesEveryAddressOfOneSlash64TheSameKeyAndAnotherSlash64AnotherKey() {
        String first = DEFAULTS.key("2001:db8:aa:bb:1:2:3:4").orElseThrow();

        assertThat(DEFAULTS.key("2001:db8:aa:bb:ffff:ffff:ffff:ffff")).contains(first);
        assertThat(DEFAULTS.key("2001:db8:aa:bc:1:2:3:4")).isPresent().get().isNotEqualTo(first);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "::ffff:203.0.113.7, 203.0.113.7",
            "::FFFF:203.0.113.7, 203.0.113.7",
            "0:0:0:0:0:ffff:cb00:7107, 203.0.113.7",
            "::ffff:cb00:7107, 203.0.113.7"})
    void keysIpv4MappedIpv6AsTheIpv4AddressItCarries(String address, String key) {
        assertThat(DEFAULTS.key(address)).contains(key);
        assertThat(new SourcePrefix(24, 64).key(address)).contains("203.0.113.0/24");
    }

    @ParameterizedTest(name = "/{0}, /{1}: {2} -> {3}")
    @CsvSource({
            "24, 64, 203.0.113.7, 203.0.113.0/24",
            "16, 64, 203.0.113.7, 203.0.0.0/16",
            "30, 64, 203.0.113.7, 203.0.113.4/30",
            "32, 128, 2001:db8::1, 2001:db8::1",
            "32, 56, 2001:db8:1:2ff::1, 2001:db8:1:200::/56",
            "32, 48, 2001:db8:1:2::1, 2001:db8:1::/48",
            "32, 60, 2001:db8:1:2f::1, 2001:db8:1:20::/60",
            "32, 32, 2001:db8:1:2::1, 2001:db8::/32"})
    void keysByTheConfiguredPrefixLengths(int ipv4, int ipv6, String address, String key) {
        assertThat(new SourcePrefix(ipv4, ipv6).key(address)).contains(key);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1..2.3", "1.2.3.4 ",
            "example.org", "dead.beef", "localhost", "1.2.3.4:8080", "2001:db8::1::2", "2001:db8:::1", "12345::",
            ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "fe80::1%eth0", "[::1]", "::ffff:1.2.3", "::ffff:1.2.3.4.5",
            "2001:db8::g", "2001:db8::1/64", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "::1.2.3.4:5", "0x7f.0.0.1"})
    void keysNothingThatIsNotAnAddressLiteral(String address) {
        assertThat(DEFAULTS.key(address)).isEmpty();
    }

    @Test
    void neverResolvesNames() {
        // A lookup would take seconds (no network) and let an address header trigger DNS queries.
        assertThat(DEFAULTS.key("deepfake-guard.invalid")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2001:db8:1:2::/64, 2001:db8:1:2::/64",
            "2001:db8:1:2::99, 2001:db8:1:2::/64",
            "203.0.113.7, 203.0.113.7",
            "203.0.113.0/24, 203.0.113.0/24"})
    void acceptsAnAddressOrTheKeyAnAdminSeesInTheLockList(String input, String key) {
        SourcePrefix prefix = input.contains("/24") ? new SourcePrefix(24, 64) : DEFAULTS;

        assertThat(prefix.keyOfAdminInput(input)).contains(key);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2001:db8:1:2::/48", "203.0.113.0/24", "203.0.113.7/", "/64", "2001:db8::/x"})
    void refusesAKeyOfAnotherPrefixLength(String input) {
        assertThat(DEFAULTS.keyOfAdminInput(input)).isEmpty();
    }

    @ParameterizedTest(name = "/{0}, /{1}")
    @CsvSource({"15, 64", "33, 64", "32, 31", "32, 129"})
    void refusesPrefixLengthsOutsideTheirRange(int ipv4, int ipv6) {
        assertThatThrownBy(() -> new SourcePrefix(ipv4, ipv6)).isInstanceOf(IllegalArgumentException.class);
    }
}
