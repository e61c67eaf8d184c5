# confidant_edger8r(): generated C++ for one side of an EDL interface (docs/edl.md). Used by this
# build's tests and, unchanged, by the installed package (find_package(Confidant),
# confidant_add_enclave).
#
#   confidant_edger8r(EDL <file.edl> SIDE trusted|untrusted OUTPUT_DIR <dir>
#                     [SEARCH_PATHS <dir>...] [DEFINES <name>...] [DEPENDS <file>...]
#                     OUT_SOURCES <variable>)
#
# Adds a custom command that runs confidant-edger8r on EDL (relative paths: from the current
# source directory) into OUTPUT_DIR (relative: from the current binary directory) and sets
# <variable> to the generated files: <name>_types.h and <name>_t.h/.cc (trusted) or
# <name>_u.h/.cc (untrusted). Add them to the enclave's or the host's target; add OUTPUT_DIR to
# its include directories. The EDL, the tool and DEPENDS (list imported EDLs there) are tracked.
#
# The tool is, in order: ${CONFIDANT_EDGER8R_EXECUTABLE}, the target confidant-edger8r of this
# build, the imported target Confidant::edger8r, or confidant-edger8r on the PATH.

function(confidant_edger8r)
  cmake_parse_arguments(ARG "" "EDL;SIDE;OUTPUT_DIR;OUT_SOURCES" "SEARCH_PATHS;DEFINES;DEPENDS"
                        ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "confidant_edger8r: unexpected arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  foreach(required EDL SIDE OUTPUT_DIR OUT_SOURCES)
    if(NOT ARG_${required})
      message(FATAL_ERROR "confidant_edger8r: ${required} is required")
    endif()
  endforeach()
  if(ARG_SIDE STREQUAL "trusted")
    set(suffix t)
  elseif(ARG_SIDE STREQUAL "untrusted")
    set(suffix u)
  else()
    message(FATAL_ERROR "confidant_edger8r: SIDE must be trusted or untrusted, not '${ARG_SIDE}'")
  endif()

  if(CONFIDANT_EDGER8R_EXECUTABLE)
    set(tool ${CONFIDANT_EDGER8R_EXECUTABLE})
  elseif(TARGET confidant-edger8r)
    set(tool confidant-edger8r)
  elseif(TARGET Confidant::edger8r)
    set(tool Confidant::edger8r)
  else()
    find_program(CONFIDANT_EDGER8R_EXECUTABLE confidant-edger8r REQUIRED)
    set(tool ${CONFIDANT_EDGER8R_EXECUTABLE})
  endif()

  get_filename_component(edl ${ARG_EDL} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  get_filename_component(dir ${ARG_OUTPUT_DIR} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_BINARY_DIR})
  get_filename_component(name ${edl} NAME_WE)
  set(outputs ${dir}/${name}_types.h ${dir}/${name}_${suffix}.h ${dir}/${name}_${suffix}.cc)

  set(options --${ARG_SIDE} --${ARG_SIDE}-dir ${dir})
  foreach(path IN LISTS ARG_SEARCH_PATHS)
    get_filename_component(path ${path} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND options --search-path ${path})
  endforeach()
  foreach(define IN LISTS ARG_DEFINES)
    list(APPEND options -D ${define})
  endforeach()

  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${tool} ${options} ${edl}
    DEPENDS ${edl} ${tool} ${ARG_DEPENDS}
    COMMENT "confidant-edger8r: ${name}.edl (${ARG_SIDE})"
    VERBATIM)
  set(${ARG_OUT_SOURCES} ${outputs} PARENT_SCOPE)
endfunction()
