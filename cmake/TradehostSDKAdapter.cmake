set(_TRADEHOST_SDK_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}")

# tradehost_add_adapter(<name> SOURCES ... [LIBS ...]): one adapter as <name>.so, no "lib" prefix
# (the file name is the venue's name), only the two exports visible (-fvisibility=hidden), and
# every symbol resolved at link time (-Wl,--no-undefined), and a version script that exports
# the ABI version and the factory only, as docs/adapter-guide.md asks.
function(tradehost_add_adapter name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE tradehost::sdk ${ARG_LIBS})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "${name}"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON)
  target_link_options(${name} PRIVATE -Wl,--no-undefined
    "-Wl,--version-script=${_TRADEHOST_SDK_CMAKE_DIR}/plugin_exports.map")
endfunction()
