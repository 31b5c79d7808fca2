# Shared by the Debian cross toolchain files: set HARMONY_CROSS_TRIPLET, HARMONY_CROSS_PROCESSOR
# and HARMONY_DEB_ARCH, then include this. Compilers from crossbuild-essential-<arch>; libraries
# and headers from the multiarch -dev packages (<package>:<arch>, packaging/deb/cross-libs.txt).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${HARMONY_CROSS_PROCESSOR})
set(CMAKE_C_COMPILER ${HARMONY_CROSS_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${HARMONY_CROSS_TRIPLET}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${HARMONY_CROSS_TRIPLET})
set(HARMONY_DEB_ARCH ${HARMONY_DEB_ARCH} CACHE STRING "Debian architecture of the package")
# Tools run on the build machine; libraries come from the target's multiarch folder only.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
# pkg-config must read the target's .pc files, not the build machine's.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${HARMONY_CROSS_TRIPLET}/pkgconfig:/usr/share/pkgconfig)
