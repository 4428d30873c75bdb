#include "provider/data_sources.h"

#include "provider/image_data_source.h"
#include "provider/images_data_source.h"

namespace provider {

std::vector<std::unique_ptr<DataSource>> JdcloudDataSources() {
  std::vector<std::unique_ptr<DataSource>> data_sources;
  auto searches = std::make_shared<ImageSearchCache>();  // one per provider: identical searches share it
  data_sources.push_back(std::make_unique<ImageDataSource>(searches));
  data_sources.push_back(std::make_unique<ImagesDataSource>(searches));
  return data_sources;
}

}  // namespace provider
