#include "log/log.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <strings.h>

namespace logging {
namespace {

std::atomic<int> g_threshold{static_cast<int>(Level::Off)};

const char* LevelName(Level level) {
  switch (level) {
    case Level::Trace: return "trace";
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warn: return "warn";  // hclog knows "warn", not "warning"
    case Level::Error: return "error";
    case Level::Off: break;
  }
  return "error";
}

Level ParseLevel(const char* value) {
  if (value == nullptr || *value == '\0') return Level::Off;
  struct { const char* name; Level level; } const kNames[] = {
      {"TRACE", Level::Trace}, {"DEBUG", Level::Debug}, {"INFO", Level::Info},
      {"WARN", Level::Warn},   {"ERROR", Level::Error}, {"OFF", Level::Off},
  };
  for (const auto& n : kNames) {
    if (strcasecmp(value, n.name) == 0) return n.level;
  }
  return Level::Trace;  // Terraform treats JSON and unknown values as trace.
}

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void AppendField(std::string& out, std::string_view key, std::string_view value) {
  out += ',';
  AppendJsonString(out, key);
  out += ':';
  AppendJsonString(out, value);
}

std::string Timestamp(long long unix_micros) {
  std::time_t secs = static_cast<std::time_t>(unix_micros / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, unix_micros % 1000000);
  return buf;
}

}  // namespace

void InitFromEnvironment() {
  const char* provider = std::getenv("TF_LOG_PROVIDER");
  const char* value = (provider != nullptr && *provider != '\0') ? provider : std::getenv("TF_LOG");
  SetLevel(ParseLevel(value));
}

void SetLevel(Level level) { g_threshold.store(static_cast<int>(level), std::memory_order_relaxed); }

bool Enabled(Level level) {
  return level != Level::Off &&
         static_cast<int>(level) >= g_threshold.load(std::memory_order_relaxed);
}

std::string FormatLine(Level level, std::string_view message, std::initializer_list<Field> fields,
                       long long unix_micros) {
  std::string line = "{";
  line += "\"@level\":";
  AppendJsonString(line, LevelName(level));
  AppendField(line, "@message", message);
  AppendField(line, "@module", "provider.jdcloud");
  AppendField(line, "@timestamp", Timestamp(unix_micros));
  for (const auto& [key, value] : fields) AppendField(line, key, value);
  line += "}\n";
  return line;
}

void Write(Level level, std::string_view message, std::initializer_list<Field> fields) {
  if (!Enabled(level)) return;
  auto now = std::chrono::system_clock::now().time_since_epoch();
  long long micros = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  std::string line = FormatLine(level, message, fields, micros);
  // One write() per line keeps concurrent lines from interleaving.
  ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
}

}  // namespace logging
