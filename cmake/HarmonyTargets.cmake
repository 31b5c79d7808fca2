# harmony_library(NAME area SOURCES ... [DEPS ...] [PRIVATE_DEPS ...])
# One static library per lib/<area>; headers live beside sources and are included as
# "area/Header.hpp" (the include root is lib/).
function(harmony_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/lib)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# harmony_test(NAME LABEL unit|integration|e2e SOURCES ... DEPS ... [FIXTURES name] [TIMEOUT s])
# Registers each GoogleTest case as its own CTest test carrying the tier label.
function(harmony_test name)
  cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "SOURCES;DEPS;FIXTURES" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  # `unit_tests` builds just the unit tier (the sanitizer run needs nothing else).
  if(ARG_LABEL STREQUAL "unit")
    if(NOT TARGET unit_tests)
      add_custom_target(unit_tests)
    endif()
    add_dependencies(unit_tests ${name})
  endif()
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} harmony_test_support GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    HARMONY_BUILD_DIR="${PROJECT_BINARY_DIR}" HARMONY_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  set(props LABELS ${ARG_LABEL} TIMEOUT ${ARG_TIMEOUT})
  if(ARG_FIXTURES)
    # gtest_discover_tests cannot pass a list-valued property, so fixtures nest instead
    # (`testhost` includes `docker`): one name per test program.
    list(LENGTH ARG_FIXTURES count)
    if(count GREATER 1)
      message(FATAL_ERROR "${name}: give one fixture (they nest: testhost includes docker)")
    endif()
    list(APPEND props FIXTURES_REQUIRED ${ARG_FIXTURES})
  endif()
  gtest_discover_tests(${name} TEST_PREFIX "${ARG_LABEL}." DISCOVERY_TIMEOUT 30
                       PROPERTIES ${props})
endfunction()

# Adds every immediate subfolder of the current folder that has a CMakeLists.txt, so a new
# area (lib/<area>, tests/unit/lib/<area>, ...) only needs its own folder.
function(harmony_add_subfolders)
  file(GLOB children LIST_DIRECTORIES true RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}
       CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*/CMakeLists.txt)
  list(SORT children)
  foreach(child ${children})
    get_filename_component(dir ${child} DIRECTORY)
    add_subdirectory(${dir})
  endforeach()
endfunction()
