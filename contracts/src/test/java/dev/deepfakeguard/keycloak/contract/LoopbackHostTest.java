package dev.deepfakeguard.keycloak.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackHostTest {

    @ParameterizedTest(name = "{0} is this machine")
    @ValueSource(strings = {"http://127.0.0.1/", "http://127.255.0.9:9000/", "http://localhost/", "http://LOCALHOST/",
            "http://[::1]:8080/", "http://[0:0:0:0:0:0:0:1]/", "http://[::ffff:127.0.0.1]/"})
    void acceptsLoopbackLiteralsAndLocalhost(String url) {
        assertThat(LoopbackHost.is(URI.create(url).getHost())).isTrue();
    }

    @ParameterizedTest(name = "{0} is not this machine (or not spelt so that every parser agrees)")
    @ValueSource(strings = {"http://127.attacker.example/", "http://127.0.0.1.nip.io/",
            "http://localhost.attacker.example/", "http://127.0.0.1@attacker.example/", "http://2130706433/",
            "http://0x7f.0.0.1/", "http://127.1/", "http://0177.0.0.1/", "http://127.0.0.01/", "http://[::2]/",
            "http://attacker.example#@127.0.0.1/", "http://localhost./", "http://128.0.0.1/", "http://10.0.0.1/",
            "http://[fe80::1]/"})
    void refusesHostsThatOnlyLookLocal(String url) {
        assertThat(LoopbackHost.is(URI.create(url).getHost())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[", "[]", "::1]"})
    void refusesMalformedHosts(String host) {
        assertThat(LoopbackHost.is(host)).isFalse();
    }
}
