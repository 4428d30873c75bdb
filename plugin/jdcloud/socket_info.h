// What the kernel knows about a connected TCP socket, for telling how far a
// request got. Its own file: <linux/tcp.h>, which has the fields needed, and
// <netinet/tcp.h>, which httplib includes, cannot share a translation unit.
#pragma once

#include <cstdint>

namespace jdcloud {

// True once connect() has completed.
bool IsConnected(int fd);
// Bytes received on the connection so far (payload, not headers); 0 when unknown.
std::uint64_t BytesReceived(int fd);

}  // namespace jdcloud
