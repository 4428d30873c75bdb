// The data sources the jdcloud provider serves.
#pragma once

#include <memory>
#include <vector>

#include "provider/data_source.h"

namespace provider {

// A fresh set, each with its own read cache, in the order the docs list them.
std::vector<std::unique_ptr<DataSource>> JdcloudDataSources();

}  // namespace provider
