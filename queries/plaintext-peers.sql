-- Which peers exchange mail without any TLS? One row per direction and remote address that reached EHLO/HELO and
-- never attempted TLS. Connections without an SMTP dialogue (tls_outcome 'no_dialogue': refused or unanswered send
-- connections, probes and scans that closed before EHLO) are neither plaintext nor TLS and are left out.
-- starttls_offered says whether TLS was on offer: on receive, our EHLO reply listed STARTTLS and the client chose
-- plaintext; on send, the peer advertised STARTTLS (false: the peer offers no TLS at all; NULL: no EHLO reply logged).
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
WHERE tls_outcome <> 'no_dialogue'
GROUP BY direction, remote_ip
HAVING bool_and(tls_outcome = 'none')
ORDER BY connections DESC, direction, remote_ip;
