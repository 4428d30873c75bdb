#include "summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bench {
namespace {

double Rank(const std::vector<double>& sorted, double p) {
  size_t idx = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  idx = std::clamp<size_t>(idx, 1, sorted.size());
  return sorted[idx - 1];
}

std::string Fmt(double v) {
  char buf[64];
  if (v >= 1000) std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (v >= 10) std::snprintf(buf, sizeof buf, "%.1f", v);
  else std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) { out += ' '; continue; }
    out += c;
  }
  return out + "\"";
}

std::string Pad(std::string s, size_t w) {
  if (s.size() < w) s.append(w - s.size(), ' ');
  return s;
}

}  // namespace

Summary Summarize(std::vector<double> samples) {
  Summary s;
  s.n = samples.size();
  if (samples.empty()) return s;
  std::sort(samples.begin(), samples.end());
  s.median = Rank(samples, 0.5);
  s.p99 = Rank(samples, 0.99);
  s.min = samples.front();
  return s;
}

std::string Report::Table() const {
  std::string out = Pad("measure", 64) + Pad("median", 12) + Pad("p99", 12) + Pad("n", 8) + "target\n";
  out += std::string(112, '-') + "\n";
  for (const auto& r : rows_) {
    std::string label = r.label + " (" + r.unit + ")";
    std::string target = r.target;
    if (r.met) target += *r.met ? "  ok" : "  MISSED";
    if (r.dist) {
      out += Pad(label, 64) + Pad(Fmt(r.dist->median), 12) + Pad(Fmt(r.dist->p99), 12) +
             Pad(std::to_string(r.dist->n), 8) + target + "\n";
    } else {
      out += Pad(label, 64) + Pad(Fmt(r.value), 12) + Pad("", 12) + Pad("", 8) + target + "\n";
    }
  }
  for (const auto& [k, v] : notes_) out += k + ": " + v + "\n";
  return out;
}

std::string Report::Json() const {
  std::string out = "{\n";
  bool first = true;
  for (const auto& r : rows_) {
    out += first ? "  " : ",\n  ";
    first = false;
    out += JsonString(r.key) + ": {\"unit\": " + JsonString(r.unit);
    if (r.dist) {
      out += ", \"median\": " + Fmt(r.dist->median) + ", \"p99\": " + Fmt(r.dist->p99) +
             ", \"min\": " + Fmt(r.dist->min) + ", \"n\": " + std::to_string(r.dist->n);
    } else {
      out += ", \"value\": " + Fmt(r.value);
    }
    if (!r.target.empty()) out += ", \"target\": " + JsonString(r.target);
    if (r.met) out += std::string(", \"met\": ") + (*r.met ? "true" : "false");
    out += "}";
  }
  for (const auto& [k, v] : notes_) {
    out += first ? "  " : ",\n  ";
    first = false;
    out += JsonString(k) + ": " + JsonString(v);
  }
  return out + "\n}\n";
}

}  // namespace bench
