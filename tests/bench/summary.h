// Median and p99 of a set of timings, and the table/JSON report they go into.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace bench {

struct Summary {
  size_t n = 0;
  double median = 0;
  double p99 = 0;
  double min = 0;
};

// Nearest-rank percentiles; an empty input gives n == 0.
Summary Summarize(std::vector<double> samples);

// One line of the report: either a distribution (median/p99) or one value.
struct Row {
  std::string key;    // JSON key, e.g. "exec_to_handshake_ms"
  std::string label;  // table label
  std::string unit;   // "ms", "us", "reads/s", "MiB", "bytes"
  std::optional<Summary> dist;
  double value = 0;   // when dist is empty
  std::string target; // e.g. "<= 5 ms", empty when none
  std::optional<bool> met;
};

class Report {
 public:
  void Add(Row row) { rows_.push_back(std::move(row)); }
  void Note(std::string key, std::string text) { notes_.push_back({std::move(key), std::move(text)}); }
  std::string Table() const;
  std::string Json() const;

 private:
  std::vector<Row> rows_;
  std::vector<std::pair<std::string, std::string>> notes_;
};

}  // namespace bench
