-- Which protocol and cipher combinations are negotiated, how often, and which are weak? weaknesses follows
-- Microsoft's Exchange TLS guidance: protocols below TLS 1.2; DES, 3DES, RC2, RC4 and NULL ciphers; MD5; static RSA
-- key exchange (no forward secrecy); RSA/DH key exchange under 2048 bits.
WITH suites AS (
    SELECT
        direction,
        tls_protocol,
        cipher,
        cipher_bits,
        mac,
        mac_bits,
        key_exchange,
        key_exchange_bits,
        count(*) AS connections,
        count(DISTINCT remote_ip) AS peers
    FROM smtp_sessions
    WHERE tls_outcome = 'negotiated'
    GROUP BY direction, tls_protocol, cipher, cipher_bits, mac, mac_bits, key_exchange, key_exchange_bits
)
SELECT
    *,
    nullif(concat_ws('; ',
        CASE WHEN tls_protocol IS NULL OR tls_protocol IN ('TLS 1.1', 'TLS 1.0', 'SSL 3.0', 'SSL 2.0', 'PCT 1.0')
            THEN 'legacy protocol' END,
        CASE WHEN cipher IN ('DES', '3DES', '3DES_112', 'RC2', 'RC4', 'NULLCIPHER', 'NONE') THEN 'weak cipher' END,
        CASE WHEN mac = 'MD5' THEN 'MD5 MAC' END,
        CASE WHEN key_exchange = 'RSA_KEYX' THEN 'no forward secrecy' END,
        CASE WHEN key_exchange IN ('RSA_KEYX', 'DH_EPHEM', 'DH_SF') AND key_exchange_bits < 2048
            THEN 'key exchange under 2048 bits' END), '') AS weaknesses
FROM suites
ORDER BY weaknesses IS NULL, connections DESC, direction, tls_protocol, cipher;
