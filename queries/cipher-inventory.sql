-- Which protocol and cipher combinations are negotiated, how often, and which are weak? weaknesses follows
-- Microsoft's Exchange TLS guidance: protocols below TLS 1.2; DES, 3DES, RC2, RC4 and NULL ciphers; MD5; static RSA
-- key exchange (no forward secrecy); RSA/DH key exchange under 2048 bits. Weakest first: most weaknesses, then
-- most connections.
WITH suites AS (
    SELECT
        direction,
        tls_protocol,
        legacy_tls,
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
    GROUP BY ALL
),
judged AS (
    SELECT
        *,
        list_filter([
            CASE WHEN legacy_tls THEN 'legacy protocol' WHEN legacy_tls IS NULL THEN 'unknown protocol' END,
            CASE WHEN cipher IN ('DES', '3DES', '3DES_112', 'RC2', 'RC4', 'NULLCIPHER', 'NONE') THEN 'weak cipher' END,
            CASE WHEN mac = 'MD5' THEN 'MD5 MAC' END,
            CASE WHEN key_exchange = 'RSA_KEYX' THEN 'no forward secrecy' END,
            CASE WHEN key_exchange IN ('RSA_KEYX', 'DH_EPHEM', 'DH_SF') AND key_exchange_bits < 2048
                THEN 'key exchange under 2048 bits' END
        ], w -> w IS NOT NULL) AS weakness_list
    FROM suites
)
SELECT
    direction,
    tls_protocol,
    cipher,
    cipher_bits,
    mac,
    mac_bits,
    key_exchange,
    key_exchange_bits,
    connections,
    peers,
    nullif(array_to_string(weakness_list, '; '), '') AS weaknesses
FROM judged
ORDER BY len(weakness_list) DESC, connections DESC, direction, tls_protocol, cipher, cipher_bits, mac, mac_bits,
    key_exchange, key_exchange_bits;
