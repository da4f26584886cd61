-- Which peers exchange mail without any TLS? One row per direction and remote address whose connections never
-- attempted TLS. starttls_offered says whether TLS was on offer: on receive, our EHLO reply listed STARTTLS and the
-- client chose plaintext; on send, the peer advertised STARTTLS (false: the peer offers no TLS at all).
SELECT
    direction,
    coalesce(remote_ip, '(not logged)') AS remote_ip,
    string_agg(DISTINCT peer_name, ', ' ORDER BY peer_name) AS peer_names,
    string_agg(DISTINCT server, ', ' ORDER BY server) AS servers,
    string_agg(DISTINCT connector, ', ' ORDER BY connector) AS connectors,
    count(*) AS connections,
    sum(messages) AS messages,
    bool_or(starttls_offered) AS starttls_offered,
    min(started_at) AS first_seen,
    max(started_at) AS last_seen
FROM smtp_sessions
GROUP BY direction, remote_ip
HAVING bool_and(tls_outcome = 'none')
ORDER BY connections DESC, direction, remote_ip;
