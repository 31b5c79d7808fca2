# Debian armhf (Raspberry Pi 2/3/4/5 with a 32-bit OS): cmake -DCMAKE_TOOLCHAIN_FILE=this.
set(HARMONY_CROSS_TRIPLET arm-linux-gnueabihf)
set(HARMONY_CROSS_PROCESSOR armv7l)
set(HARMONY_DEB_ARCH armhf)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
