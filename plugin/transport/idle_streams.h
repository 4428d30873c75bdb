// Long-lived streams that Terraform opens right after connecting and that we
// never use (GRPCStdio/StreamStdio, GRPCBroker/StartStream). They are callback
// reactors, so they hold no server thread while open; this registry lets the
// server finish all of them at once on shutdown, since grpc::Server::Shutdown
// would otherwise wait for them until its deadline.
#pragma once

#include <mutex>
#include <set>

namespace transport {

// A stream that can be finished from outside its own callbacks.
class IdleStream {
 public:
  virtual ~IdleStream() = default;
  // Ends the call (status OK) if it has not ended already. Thread-safe.
  virtual void Close() = 0;
};

class IdleStreams {
 public:
  // Registers a stream; returns false when already closing, in which case the
  // caller should finish the stream at once.
  bool Add(IdleStream* stream);
  // Unregisters a stream before it is destroyed.
  void Remove(IdleStream* stream);
  // Finishes every registered stream and makes later Add() calls fail.
  void CloseAll();
  size_t size() const;

 private:
  // Recursive: gRPC may run a reactor's OnDone (which calls Remove) inline
  // from Finish() inside CloseAll().
  mutable std::recursive_mutex mutex_;
  std::set<IdleStream*> streams_;
  bool closing_ = false;
};

}  // namespace transport
