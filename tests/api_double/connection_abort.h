// The "drop" fault must close a connection without sending a response (and
// others must write bytes past httplib), and
// Stop() must end idle keep-alive connections at once; cpp-httplib never hands
// out its sockets. On Linux they can be found: a server-side connection is the
// TCP socket of this process whose local port is the server's (and whose peer
// port is the request's). Shutting it down -- never closing it: httplib still
// owns the descriptor -- makes the peer see EOF.
#pragma once

#include <optional>
#include <string_view>

namespace api_double {

// Shuts down (`how` = SHUT_RD, SHUT_WR or SHUT_RDWR) every connected socket of
// this process whose local port is `local_port` and, when given, whose peer
// port is `remote_port`. Returns how many it shut down.
int ShutdownConnections(int local_port, std::optional<int> remote_port, int how);

// Writes `bytes` straight to the connection between `local_port` and the
// peer's `remote_port`, past httplib: what no HTTP server would send (a
// trickled status line, an interim 1xx response). False when it is gone.
bool SendRaw(int local_port, int remote_port, std::string_view bytes);

// True when the connection between `local_port` and the peer's `remote_port`
// is gone or its peer has closed its side (a read would see EOF) -- how a
// silent answer (the trickle fault) notices that the client gave up.
bool PeerHasClosed(int local_port, int remote_port);

}  // namespace api_double
