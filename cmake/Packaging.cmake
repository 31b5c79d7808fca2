# The Debian package (`make deb`, packaging/deb/build-deb.sh): CPack's DEB generator over the
# install rules. Build it from a tree configured with CMAKE_INSTALL_PREFIX=/usr (the units and
# docs name /usr paths); a different prefix is refused at package time, not silently shipped.
set(HARMONY_DEB_MAINTAINER "Harmony maintainers <maintainers@users.noreply.b-seed-105c05ac.example>"
    CACHE STRING "Maintainer field of the .deb and its changelog")
set(HARMONY_DEB_RELEASE "1" CACHE STRING "Debian revision of the package (version ${PROJECT_VERSION}-<this>)")
set(HARMONY_DEB_VERSION "${PROJECT_VERSION}-${HARMONY_DEB_RELEASE}")

# Architecture: the cross toolchain file sets HARMONY_DEB_ARCH; a native build asks dpkg.
if(NOT HARMONY_DEB_ARCH)
  execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE HARMONY_DEB_ARCH
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
endif()

# changelog.Debian.gz: dated by the last commit so the same tree gives the same package.
execute_process(COMMAND git -C ${PROJECT_SOURCE_DIR} log -1 --format=%aD OUTPUT_VARIABLE HARMONY_DEB_DATE
                OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE git_failed)
if(git_failed OR NOT HARMONY_DEB_DATE)
  string(TIMESTAMP HARMONY_DEB_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
endif()
set(deb_dir ${PROJECT_BINARY_DIR}/packaging/deb)
configure_file(${PROJECT_SOURCE_DIR}/packaging/deb/changelog.in ${deb_dir}/changelog @ONLY)
add_custom_command(OUTPUT ${deb_dir}/changelog.Debian.gz
  COMMAND gzip -n -9 -c ${deb_dir}/changelog > ${deb_dir}/changelog.Debian.gz
  DEPENDS ${deb_dir}/changelog VERBATIM)
add_custom_target(deb_changelog ALL DEPENDS ${deb_dir}/changelog.Debian.gz)
install(FILES ${deb_dir}/changelog.Debian.gz ${PROJECT_SOURCE_DIR}/packaging/deb/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# conffiles: every file the install rules put under the configuration directory (units/).
get_property(conffile_paths GLOBAL PROPERTY HARMONY_CONFFILES)
set(conffiles "")
foreach(file IN LISTS conffile_paths)
  string(APPEND conffiles "${file}\n")
endforeach()
file(WRITE ${deb_dir}/conffiles "${conffiles}")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME harmony)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${HARMONY_DEB_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "systemd-native home music server programs")
# CPack puts the summary above as the synopsis line; this is the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "harmonyd is a music hub (HTTP API and web UI, SQLite state, Spotify watchlists,
downloads through slskd, tagging and filing into a music library) run as a
Docker container under harmony.service. The host tools make a Dockerised TIDAL
Connect speaker dependable under systemd: wait-for-container, wait-for-avahi,
wait-for-mdns-clear, harmony-watchdog and volume-bridge.
.
No service is enabled or started on installation.")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
# Units and conffiles have absolute destinations (/lib/systemd/system, /etc): stage through DESTDIR.
set(CPACK_SET_DESTDIR ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${HARMONY_DEB_RELEASE})
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${HARMONY_DEB_ARCH})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION sound)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Docker runs the containers; Avahi announces the speaker. Neither is needed to install.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "docker.io | docker-ce, avahi-daemon")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/deb/postinst ${PROJECT_SOURCE_DIR}/packaging/deb/postrm
    ${deb_dir}/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
