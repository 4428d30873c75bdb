#include "provider/data_sources.h"

#include "provider/image_data_source.h"

namespace provider {

std::vector<std::unique_ptr<DataSource>> JdcloudDataSources() {
  std::vector<std::unique_ptr<DataSource>> data_sources;
  data_sources.push_back(std::make_unique<ImageDataSource>());
  return data_sources;
}

}  // namespace provider
