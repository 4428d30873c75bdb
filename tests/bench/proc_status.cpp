#include "proc_status.h"

#include <fstream>
#include <sstream>
#include <string>

namespace bench {

double VmMiB(pid_t pid, const char* field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  const std::string prefix = std::string(field) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    std::istringstream rest(line.substr(prefix.size()));
    double kb = -1;
    rest >> kb;
    return kb < 0 ? -1 : kb / 1024.0;
  }
  return -1;
}

}  // namespace bench
