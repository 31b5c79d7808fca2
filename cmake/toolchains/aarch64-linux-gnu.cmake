# Debian arm64 (Raspberry Pi 3/4/5 with a 64-bit OS): cmake -DCMAKE_TOOLCHAIN_FILE=this.
set(HARMONY_CROSS_TRIPLET aarch64-linux-gnu)
set(HARMONY_CROSS_PROCESSOR aarch64)
set(HARMONY_DEB_ARCH arm64)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
