# confidant_add_enclave(): an enclave image from sources and an EDL, signed (docs/enclave-runtime.md).
#
#   confidant_add_enclave(TARGET <name> EDL <file.edl> CONFIG <file.conf> SOURCES <src>...
#                         [KEY <key.pem>] [SEARCH_PATHS <dir>...] [LIBRARIES <target>...])
#
# Builds the shared object <name> (the trusted side of the EDL plus SOURCES, linked with the
# trusted runtime, symbols hidden but the runtime's entry points) and signs it into
# <binary dir>/<name>.signed with KEY, or with a development key generated into the binary
# directory when KEY is not given (fine for development; a release needs your own key). The
# target <name>_signed builds the signed image; its path is in the target property
# CONFIDANT_SIGNED_IMAGE of <name>.
#
#   confidant_add_enclave_host(TARGET <host> EDL <file.edl> SOURCES <src>... [SEARCH_PATHS ...])
#
# An executable with the untrusted side of the EDL, linked with the host library.
#
# In this build tree the functions use its targets; installed, `find_package(Confidant)` brings
# them (Confidant::host, Confidant::enclave, Confidant::edger8r, Confidant::confidant).

include(${CMAKE_CURRENT_LIST_DIR}/ConfidantEdger8r.cmake)

function(confidant_add_enclave)
  cmake_parse_arguments(ARG "" "TARGET;EDL;CONFIG;KEY" "SOURCES;SEARCH_PATHS;LIBRARIES" ${ARGN})
  foreach(required TARGET EDL CONFIG SOURCES)
    if(NOT ARG_${required})
      message(FATAL_ERROR "confidant_add_enclave: ${required} is required")
    endif()
  endforeach()
  set(gen ${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_edl)
  confidant_edger8r(EDL ${ARG_EDL} SIDE trusted OUTPUT_DIR ${gen}
                    SEARCH_PATHS ${ARG_SEARCH_PATHS} OUT_SOURCES generated)
  add_library(${ARG_TARGET} SHARED ${ARG_SOURCES} ${generated})
  target_include_directories(${ARG_TARGET} PRIVATE ${gen})
  target_link_libraries(${ARG_TARGET} PRIVATE Confidant::enclave ${ARG_LIBRARIES})
  target_link_options(${ARG_TARGET} PRIVATE "LINKER:--as-needed")
  set_target_properties(${ARG_TARGET} PROPERTIES CXX_VISIBILITY_PRESET hidden PREFIX "")

  get_filename_component(config ${ARG_CONFIG} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  if(ARG_KEY)
    get_filename_component(key ${ARG_KEY} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  else()
    set(key ${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_development_key.pem)
    add_custom_command(OUTPUT ${key}
      COMMAND openssl genrsa -3 -out ${key} 3072
      COMMENT "Generating a development signing key for ${ARG_TARGET} (RSA-3072, e=3)")
  endif()
  if(TARGET confidant)
    set(confidant_tool $<TARGET_FILE:confidant>)
  elseif(TARGET Confidant::confidant)
    set(confidant_tool Confidant::confidant)
  else()
    find_program(CONFIDANT_EXECUTABLE confidant REQUIRED)
    set(confidant_tool ${CONFIDANT_EXECUTABLE})
  endif()
  set(signed ${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}.signed)
  add_custom_command(OUTPUT ${signed}
    COMMAND ${confidant_tool} enclave sign -e $<TARGET_FILE:${ARG_TARGET}> -c ${config} -k ${key}
            -o ${signed}
    DEPENDS ${ARG_TARGET} ${config} ${key}
    COMMENT "Signing enclave ${ARG_TARGET}")
  add_custom_target(${ARG_TARGET}_signed ALL DEPENDS ${signed})
  set_target_properties(${ARG_TARGET} PROPERTIES CONFIDANT_SIGNED_IMAGE ${signed})
endfunction()

function(confidant_add_enclave_host)
  cmake_parse_arguments(ARG "" "TARGET;EDL" "SOURCES;SEARCH_PATHS;LIBRARIES" ${ARGN})
  foreach(required TARGET EDL SOURCES)
    if(NOT ARG_${required})
      message(FATAL_ERROR "confidant_add_enclave_host: ${required} is required")
    endif()
  endforeach()
  set(gen ${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_edl)
  confidant_edger8r(EDL ${ARG_EDL} SIDE untrusted OUTPUT_DIR ${gen}
                    SEARCH_PATHS ${ARG_SEARCH_PATHS} OUT_SOURCES generated)
  add_executable(${ARG_TARGET} ${ARG_SOURCES} ${generated})
  target_include_directories(${ARG_TARGET} PRIVATE ${gen})
  target_link_libraries(${ARG_TARGET} PRIVATE Confidant::host ${ARG_LIBRARIES})
endfunction()
