// Memory figures of a running process from /proc/<pid>/status.
#pragma once

#include <sys/types.h>

namespace bench {

// The value of a "Vm...:   N kB" line in MiB, or -1 when it cannot be read.
double VmMiB(pid_t pid, const char* field);  // field e.g. "VmHWM", "VmRSS"

}  // namespace bench
