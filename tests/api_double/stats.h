// What the API double has served, so tests can assert attempt numbers
// ("the client tried 4 times") and what each attempt got. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>

namespace api_double {

struct StatsSnapshot {
  std::uint64_t total = 0;                           // API requests received (describeImage and describeImages)
  std::map<std::string, std::uint64_t> routes;       // per API: "describeImage", "describeImages"
  std::map<std::string, std::uint64_t> images;       // describeImage: per image id in the path
  std::map<std::string, std::uint64_t> pages;        // describeImages: per valid pageNumber ("1", "2", ...)
  std::map<std::string, std::uint64_t> outcomes;     // "200", "401", ..., "dropped"
  std::map<std::string, std::uint64_t> faults;       // per fault kind applied
  std::map<std::string, std::uint64_t> user_agents;  // per User-Agent header
  std::uint64_t connections = 0;                     // distinct client connections seen (address, port)
};

class Stats {
 public:
  // Counted when a request arrives, before any byte of the answer is sent, so
  // a client that has seen the answer (or the dropped connection) always sees
  // the request in the counts.
  void RecordRequest(const std::string& image_id, const std::string& user_agent, const std::string& peer_address,
                     int peer_port);  // describeImage
  void RecordListRequest(const std::string& user_agent, const std::string& peer_address, int peer_port);
  void RecordPage(int page_number);  // once a describeImages query is valid
  void RecordOutcome(const std::string& outcome);
  void RecordFault(const std::string& kind);
  void Reset();
  StatsSnapshot Snapshot() const;
  // {"total": N, "connections": N, "images": {...}, "outcomes": {...}, "faults": {...}, "user_agents": {...},
  //  "routes": {...}, "pages": {...}}
  std::string ToJson() const;

 private:
  // Under mu_: what every API request counts.
  void CountRequest(const char* route, const std::string& user_agent, const std::string& peer_address, int peer_port);

  mutable std::mutex mu_;
  StatsSnapshot s_;
  std::set<std::pair<std::string, int>> peers_;
};

}  // namespace api_double
