-- Which HTTPS clients (OWA, ActiveSync, EWS, MAPI, ...) still negotiate TLS 1.0, TLS 1.1 or SSL with IIS, and
-- which of them would break if legacy TLS were switched off? One row per client address, user, user agent and
-- client protocol with at least one legacy request; Managed Availability probes are left out. legacy_only means no
-- request of that client negotiated TLS 1.2 or newer.
SELECT
    client_ip,
    username,
    user_agent,
    client_protocol,
    string_agg(DISTINCT server, ', ' ORDER BY server) AS servers,
    sum(requests) AS requests,
    sum(requests) FILTER (WHERE legacy_tls) AS legacy_requests,
    string_agg(DISTINCT tls_protocol, ', ' ORDER BY tls_protocol) AS protocols,
    string_agg(DISTINCT cipher || '/' || mac || '/' || key_exchange, ', ' ORDER BY cipher || '/' || mac || '/' || key_exchange)
        AS ciphers,
    max(last_logged_at) AS last_seen,
    NOT coalesce(bool_or(NOT legacy_tls), false) AS legacy_only
FROM iis_requests
WHERE NOT probe
GROUP BY client_ip, username, user_agent, client_protocol
HAVING sum(requests) FILTER (WHERE legacy_tls) > 0
ORDER BY legacy_only DESC, legacy_requests DESC, client_ip, username, user_agent, client_protocol;
