// Writes generated describeImage bodies (answer_generator.h), wrapped as the
// API wraps them, as seeds for the fuzz_image_response corpus:
//   answer-seeds DIR COUNT [SEED]
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "answer_generator.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: answer-seeds DIR COUNT [SEED]\n";
    return 2;
  }
  const std::string dir = argv[1];
  const unsigned long count = std::strtoul(argv[2], nullptr, 10);
  const unsigned long long seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
  for (unsigned long i = 0; i < count; ++i) {
    const auto answer = harness::GenerateAnswer(seed + i, "img-seed" + std::to_string(10000000 + i));
    std::ofstream out(dir + "/generated-" + std::to_string(i) + ".json", std::ios::binary);
    out << R"({"requestId":"seed-)" << i << R"(","result":{"image":)" << answer.image_json << "}}";
    if (!out) {
      std::cerr << "answer-seeds: cannot write in " << dir << "\n";
      return 1;
    }
  }
  return 0;
}
