-- Which certificates were presented on connections that negotiated TLS 1.0, TLS 1.1 or SSL? One row per direction,
-- role and certificate. role says whose it is, as tls-failures.sql does: 'ours' (Exchange's "Sending certificate":
-- the certificate the connector binds, whose clients or destinations are still legacy), 'peer' (the peer's "Remote"
-- or "Received certificate"; on send, usually only its thumbprint is logged), or 'role not logged' when a cut log
-- lacks the row that says whose it is. legacy_connections counts the legacy connections it was seen on, peers their
-- distinct remote addresses. IIS logs no certificates, so this is SMTP only.
WITH legacy AS (
    SELECT * FROM smtp_sessions WHERE legacy_tls
),
certificates AS (
    SELECT direction, 'ours' AS role, cert_subject AS subject, cert_issuer AS issuer, cert_thumbprint AS thumbprint,
        remote_ip, started_at
    FROM legacy
    WHERE coalesce(cert_subject, cert_issuer, cert_thumbprint) IS NOT NULL
    UNION ALL
    SELECT direction, 'peer', peer_cert_subject, peer_cert_issuer, peer_cert_thumbprint, remote_ip, started_at
    FROM legacy
    WHERE coalesce(peer_cert_subject, peer_cert_issuer, peer_cert_thumbprint) IS NOT NULL
    UNION ALL
    SELECT direction, 'role not logged', unattributed_cert_subject, unattributed_cert_issuer,
        unattributed_cert_thumbprint, remote_ip, started_at
    FROM legacy
    WHERE coalesce(unattributed_cert_subject, unattributed_cert_issuer, unattributed_cert_thumbprint) IS NOT NULL
)
SELECT
    direction,
    role,
    subject,
    issuer,
    thumbprint,
    count(*) AS legacy_connections,
    count(DISTINCT remote_ip) AS peers,
    max(started_at) AS last_seen
FROM certificates
GROUP BY direction, role, subject, issuer, thumbprint
ORDER BY legacy_connections DESC, direction, role, subject, issuer, thumbprint;
