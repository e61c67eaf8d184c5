# Build conventions shared by every folder (STYLE.md 9): a folder is one static library made of its
# *.cc files; beside them, x_test.cc is a GoogleTest binary, x_benchmark.cc a Google Benchmark binary
# and x_fuzzer.cc a libFuzzer target. All are built by default. Outside the `fuzz` preset a fuzzer is
# linked with a replay driver and registered as a test that runs it over its seed corpus
# (fuzz/corpus/<fuzzer name>/), so every seed is re-checked on every test run. A folder's main.cc is
# the entry point of the folder's executable (added by its CMakeLists.txt), never library code.

set(CONFIDANT_WARNINGS -Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wpedantic)
if(CONFIDANT_WERROR)
  list(APPEND CONFIDANT_WARNINGS -Werror)
endif()

if(CONFIDANT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
if(CONFIDANT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "CONFIDANT_FUZZ requires clang (use the `fuzz` preset)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# confidant_library(NAME <target> [DEPS <targets>...])
# Builds the current folder's sources into a static library plus its tests, benchmarks and fuzzers.
function(confidant_library)
  cmake_parse_arguments(ARG "" "NAME" "DEPS" ${ARGN})
  file(GLOB all_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  set(lib_sources "")
  set(test_sources "")
  set(bench_sources "")
  set(fuzz_sources "")
  foreach(src IN LISTS all_sources)
    if(src MATCHES "_test\\.cc$")
      list(APPEND test_sources ${src})
    elseif(src MATCHES "_benchmark\\.cc$")
      list(APPEND bench_sources ${src})
    elseif(src MATCHES "_fuzzer\\.cc$")
      list(APPEND fuzz_sources ${src})
    elseif(src MATCHES "/main\\.cc$")
      continue()
    else()
      list(APPEND lib_sources ${src})
    endif()
  endforeach()

  add_library(${ARG_NAME} STATIC ${lib_sources})
  target_include_directories(${ARG_NAME} PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/src>
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>)
  target_compile_options(${ARG_NAME} PRIVATE ${CONFIDANT_WARNINGS})
  target_link_libraries(${ARG_NAME} PUBLIC ${ARG_DEPS})

  foreach(src IN LISTS test_sources)
    get_filename_component(stem ${src} NAME_WE)
    set(target ${ARG_NAME}_${stem})
    add_executable(${target} ${src})
    target_compile_options(${target} PRIVATE ${CONFIDANT_WARNINGS})
    target_link_libraries(${target} PRIVATE ${ARG_NAME} confidant_testing GTest::gmock GTest::gtest_main)
    target_compile_definitions(${target} PRIVATE
      CONFIDANT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    gtest_discover_tests(${target} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 60
      PROPERTIES ENVIRONMENT "CONFIDANT_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  endforeach()

  foreach(src IN LISTS bench_sources)
    get_filename_component(stem ${src} NAME_WE)
    set(target ${ARG_NAME}_${stem})
    add_executable(${target} ${src})
    target_compile_options(${target} PRIVATE ${CONFIDANT_WARNINGS})
    target_link_libraries(${target} PRIVATE ${ARG_NAME} benchmark::benchmark_main)
  endforeach()

  foreach(src IN LISTS fuzz_sources)
    get_filename_component(stem ${src} NAME_WE)
    set(target ${stem})
    add_executable(${target} ${src})
    target_compile_options(${target} PRIVATE ${CONFIDANT_WARNINGS})
    target_link_libraries(${target} PRIVATE ${ARG_NAME})
    if(CONFIDANT_FUZZ)
      target_link_options(${target} PRIVATE -fsanitize=fuzzer)
    else()
      target_link_libraries(${target} PRIVATE confidant_fuzz_replay)
      set(corpus ${PROJECT_SOURCE_DIR}/fuzz/corpus/${stem})
      add_test(NAME fuzz_replay.${stem} COMMAND ${target} ${corpus})
    endif()
  endforeach()
endfunction()
