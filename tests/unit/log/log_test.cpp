#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include "log/log.h"

TEST_CASE("log lines are hclog JSON with exactly six fractional digits") {
  std::string line = logging::FormatLine(logging::Level::Warn, "retrying \"x\"\n",
                                         {{"attempt", "2"}}, 1764253216965123LL);
  REQUIRE(line.back() == '\n');
  rapidjson::Document doc;
  doc.Parse(line.data(), line.size() - 1);
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string(doc["@level"].GetString()) == "warn");
  CHECK(std::string(doc["@message"].GetString()) == "retrying \"x\"\n");
  CHECK(std::string(doc["@module"].GetString()) == "provider.jdcloud");
  CHECK(std::string(doc["@timestamp"].GetString()) == "2025-11-27T14:20:16.965123Z");
  CHECK(std::string(doc["attempt"].GetString()) == "2");
  CHECK(line.find('\n') == line.size() - 1);
}

TEST_CASE("log threshold follows TF_LOG_PROVIDER before TF_LOG") {
  setenv("TF_LOG", "ERROR", 1);
  setenv("TF_LOG_PROVIDER", "debug", 1);
  logging::InitFromEnvironment();
  CHECK(logging::Enabled(logging::Level::Debug));
  CHECK_FALSE(logging::Enabled(logging::Level::Trace));
  unsetenv("TF_LOG_PROVIDER");
  logging::InitFromEnvironment();
  CHECK_FALSE(logging::Enabled(logging::Level::Warn));
  CHECK(logging::Enabled(logging::Level::Error));
  setenv("TF_LOG", "JSON", 1);
  logging::InitFromEnvironment();
  CHECK(logging::Enabled(logging::Level::Trace));
  unsetenv("TF_LOG");
  logging::InitFromEnvironment();
  CHECK_FALSE(logging::Enabled(logging::Level::Error));
}
