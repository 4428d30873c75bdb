# Cross build for linux_arm64 with Debian's cross toolchain (g++-aarch64-linux-gnu)
# and the multiarch :arm64 -dev packages (scripts/install-deps.sh --arm64):
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake
# scripts/build-release.sh arm64 uses it.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
# Libraries and headers from /usr/lib/aarch64-linux-gnu and /usr/include
# (multiarch); protoc and grpc_cpp_plugin are the build machine's, which is
# sound because the :arm64 and amd64 packages are the same version (Multi-Arch: same).
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
# Debian's pkg-config wrapper for the target reads the :arm64 .pc files.
set(PKG_CONFIG_EXECUTABLE aarch64-linux-gnu-pkg-config CACHE FILEPATH "pkg-config for arm64")
# Runs arm64 programs on the build machine (libc6-arm64-cross is the sysroot).
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/aarch64-linux-gnu)
