# Shared by the Debian cross toolchain files: set HARMONY_CROSS_TRIPLET, HARMONY_CROSS_PROCESSOR
# and HARMONY_DEB_ARCH, then include this. Compilers from crossbuild-essential-<arch>; libraries
# and headers from a root of the target architecture holding the -dev packages of
# packaging/deb/cross-libs.txt (packaging/deb/make-sysroot.sh), named by HARMONY_CROSS_SYSROOT
# (cache variable or environment).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${HARMONY_CROSS_PROCESSOR})
set(CMAKE_C_COMPILER ${HARMONY_CROSS_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${HARMONY_CROSS_TRIPLET}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${HARMONY_CROSS_TRIPLET})
set(HARMONY_DEB_ARCH ${HARMONY_DEB_ARCH} CACHE STRING "Debian architecture of the package")

if(NOT HARMONY_CROSS_SYSROOT)
  set(HARMONY_CROSS_SYSROOT "$ENV{HARMONY_CROSS_SYSROOT}")
endif()
if(NOT IS_DIRECTORY "${HARMONY_CROSS_SYSROOT}/usr/lib/${HARMONY_CROSS_TRIPLET}")
  message(FATAL_ERROR
    "HARMONY_CROSS_SYSROOT='${HARMONY_CROSS_SYSROOT}' is not a ${HARMONY_DEB_ARCH} root; build one: "
    "packaging/deb/make-sysroot.sh ${HARMONY_DEB_ARCH} DIR, then pass -DHARMONY_CROSS_SYSROOT=DIR "
    "(make deb ARCH=${HARMONY_DEB_ARCH} does both)")
endif()
set(HARMONY_CROSS_SYSROOT "${HARMONY_CROSS_SYSROOT}" CACHE PATH "Root of the target architecture")
# try_compile projects read this file again and see only the environment.
set(ENV{HARMONY_CROSS_SYSROOT} "${HARMONY_CROSS_SYSROOT}")
set(CMAKE_SYSROOT "${HARMONY_CROSS_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH "${HARMONY_CROSS_SYSROOT}")
# Tools run on the build machine; libraries, headers and CMake packages come from the root only.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# pkg-config must read the target's .pc files, with their paths inside the root.
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${HARMONY_CROSS_SYSROOT}")
set(ENV{PKG_CONFIG_LIBDIR}
    "${HARMONY_CROSS_SYSROOT}/usr/lib/${HARMONY_CROSS_TRIPLET}/pkgconfig:${HARMONY_CROSS_SYSROOT}/usr/share/pkgconfig")
