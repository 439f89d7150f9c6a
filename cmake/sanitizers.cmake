# TRADEHOST_SANITIZE=address,undefined instruments everything we build (host, plugins, tests),
# so that a plugin loaded by a sanitized host is checked too.
if(TRADEHOST_SANITIZE)
  string(REPLACE "," ";" _th_sanitizers "${TRADEHOST_SANITIZE}")
  foreach(_th_s IN LISTS _th_sanitizers)
    if(NOT _th_s MATCHES "^(address|undefined|leak|thread)$")
      message(FATAL_ERROR "TRADEHOST_SANITIZE: unknown sanitizer '${_th_s}' (use address, undefined, leak or thread)")
    endif()
  endforeach()
  string(REPLACE ";" "," _th_list "${_th_sanitizers}")
  add_compile_options(-fsanitize=${_th_list} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_th_list})
endif()

# TRADEHOST_FUZZ=ON (clang only): coverage feedback for libFuzzer in everything we build; the
# fuzz targets themselves link with -fsanitize=fuzzer (fuzz/CMakeLists.txt).
if(TRADEHOST_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "TRADEHOST_FUZZ needs clang (libFuzzer): configure with CXX=clang++")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
