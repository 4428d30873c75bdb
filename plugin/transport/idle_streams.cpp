#include "transport/idle_streams.h"

namespace transport {

bool IdleStreams::Add(IdleStream* stream) {
  std::lock_guard lock(mutex_);
  if (closing_) return false;
  streams_.insert(stream);
  return true;
}

void IdleStreams::Remove(IdleStream* stream) {
  std::lock_guard lock(mutex_);
  streams_.erase(stream);
}

void IdleStreams::CloseAll() {
  std::lock_guard lock(mutex_);
  closing_ = true;
  // Iterate over a copy: Close() may remove (and delete) the stream inline.
  // Streams not yet closed cannot be deleted meanwhile, as their OnDone needs the lock.
  const std::set<IdleStream*> open = streams_;
  for (IdleStream* stream : open) {
    if (streams_.contains(stream)) stream->Close();
  }
}

size_t IdleStreams::size() const {
  std::lock_guard lock(mutex_);
  return streams_.size();
}

}  // namespace transport
