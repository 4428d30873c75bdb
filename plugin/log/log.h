// Structured logging to stderr in the hclog JSON line format that Terraform
// re-levels and re-emits (reference §9): one JSON object per line with string
// "@level", "@message", "@module" and "@timestamp" (exactly 6 fractional digits).
//
// Every layer may log; none may log a secret. Values passed as fields are
// written verbatim, so callers pass only non-sensitive data.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace logging {

enum class Level { Trace = 0, Debug = 1, Info = 2, Warn = 3, Error = 4, Off = 5 };

// Reads TF_LOG_PROVIDER, then TF_LOG ("JSON" and unrecognised values mean
// trace, as in Terraform; unset means off). Call once at start-up; before that
// nothing is logged.
void InitFromEnvironment();

// Sets the threshold directly (tests).
void SetLevel(Level level);

// True when a line at `level` would be written; lets callers skip formatting.
bool Enabled(Level level);

using Field = std::pair<std::string_view, std::string_view>;

// Writes one line if `level` is enabled. Thread-safe: each line is a single write().
void Write(Level level, std::string_view message, std::initializer_list<Field> fields = {});

// The exact line Write would emit at a given time; exposed for tests.
std::string FormatLine(Level level, std::string_view message, std::initializer_list<Field> fields,
                       long long unix_micros);

inline void Trace(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::Trace, m, f); }
inline void Debug(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::Debug, m, f); }
inline void Info(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::Info, m, f); }
inline void Warn(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::Warn, m, f); }
inline void Error(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::Error, m, f); }

}  // namespace logging
