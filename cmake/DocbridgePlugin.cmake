# docbridge_add_plugin(NAME SOURCES file.c... [LIBRARIES lib...])
#
# Builds plugins/<NAME> as a shared object "<NAME>.so" in the build tree's plugin directory
# (where a docbridge binary run from the build tree finds it) and installs it beside the others.
# Only the entry symbol is exported: everything else is hidden, so plugins cannot clash.
function(docbridge_add_plugin name)
  cmake_parse_arguments(P "" "" "SOURCES;LIBRARIES" ${ARGN})
  set(target docbridge_plugin_${name})
  add_library(${target} MODULE ${P_SOURCES})
  target_link_libraries(${target} PRIVATE docbridge ${P_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME ${name}
    C_VISIBILITY_PRESET hidden
    LIBRARY_OUTPUT_DIRECTORY ${DOCBRIDGE_PLUGIN_BUILD_DIR}
    INSTALL_RPATH "$ORIGIN/../..")
  # A plugin must resolve every symbol when built, not when loaded. (Not with clang's
  # sanitizers: clang keeps their runtime in the executable, so a plugin cannot resolve it.)
  if(NOT (DOCBRIDGE_SANITIZE AND CMAKE_C_COMPILER_ID STREQUAL "Clang"))
    target_link_options(${target} PRIVATE -Wl,--no-undefined)
  endif()
  install(TARGETS ${target} LIBRARY DESTINATION ${DOCBRIDGE_PLUGIN_INSTALL_DIR})
endfunction()
