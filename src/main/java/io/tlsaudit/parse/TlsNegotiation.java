package io.tlsaudit.parse;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The parameters of one successful TLS handshake as Schannel reports them ({@code SecPkgContext_ConnectionInfo}).
 *
 * @param protocol the version, empty when the logged value names none (e.g. {@code Zero})
 * @param protocolText the protocol exactly as logged, for values that decode to no version
 * @param cipher bulk cipher in the stored vocabulary ({@link CryptoAlgorithm})
 * @param cipherBits cipher key bits
 * @param mac MAC or PRF hash
 * @param macBits MAC bits; 0 with AEAD suites
 * @param keyExchange key exchange algorithm
 * @param keyExchangeBits curve or modulus bits
 */
public record TlsNegotiation(
        Optional<TlsProtocol> protocol,
        String protocolText,
        String cipher,
        int cipherBits,
        String mac,
        int macBits,
        String keyExchange,
        int keyExchangeBits) {

    public TlsNegotiation {
        requireNonNull(protocol, "protocol is null");
        requireNonNull(protocolText, "protocolText is null");
        requireNonNull(cipher, "cipher is null");
        requireNonNull(mac, "mac is null");
        requireNonNull(keyExchange, "keyExchange is null");
    }
}
