#include "stats.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace api_double {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteCounts(Writer& w, const char* name, const std::map<std::string, std::uint64_t>& counts) {
  w.Key(name);
  w.StartObject();
  for (const auto& [key, n] : counts) {
    w.Key(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
    w.Uint64(n);
  }
  w.EndObject();
}

}  // namespace

void Stats::CountRequest(const char* route, const std::string& user_agent, const std::string& peer_address,
                         int peer_port) {
  ++s_.total;
  ++s_.routes[route];
  // A client port is only reused after the connection is gone, so distinct
  // (address, port) pairs count connections well enough for a test.
  if (peers_.emplace(peer_address, peer_port).second) ++s_.connections;
  ++s_.user_agents[user_agent];
}

void Stats::RecordRequest(const std::string& image_id, const std::string& user_agent,
                          const std::string& peer_address, int peer_port) {
  std::lock_guard lock(mu_);
  CountRequest("describeImage", user_agent, peer_address, peer_port);
  ++s_.images[image_id];
}

void Stats::RecordListRequest(const std::string& user_agent, const std::string& peer_address, int peer_port) {
  std::lock_guard lock(mu_);
  CountRequest("describeImages", user_agent, peer_address, peer_port);
}

void Stats::RecordPage(int page_number) {
  std::lock_guard lock(mu_);
  ++s_.pages[std::to_string(page_number)];
}

void Stats::RecordOutcome(const std::string& outcome) {
  std::lock_guard lock(mu_);
  ++s_.outcomes[outcome];
}

void Stats::RecordFault(const std::string& kind) {
  std::lock_guard lock(mu_);
  ++s_.faults[kind];
}

void Stats::Reset() {
  std::lock_guard lock(mu_);
  s_ = StatsSnapshot{};
  peers_.clear();
}

StatsSnapshot Stats::Snapshot() const {
  std::lock_guard lock(mu_);
  return s_;
}

std::string Stats::ToJson() const {
  const StatsSnapshot s = Snapshot();
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  w.Key("total");
  w.Uint64(s.total);
  w.Key("connections");
  w.Uint64(s.connections);
  WriteCounts(w, "images", s.images);
  WriteCounts(w, "outcomes", s.outcomes);
  WriteCounts(w, "faults", s.faults);
  WriteCounts(w, "user_agents", s.user_agents);
  WriteCounts(w, "routes", s.routes);
  WriteCounts(w, "pages", s.pages);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace api_double
