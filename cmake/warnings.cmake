# tradehost_warnings(target): the warning set every target of ours compiles with.
add_library(tradehost_warnings INTERFACE)
target_compile_options(tradehost_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wconversion -Wsign-conversion -Wformat=2
  -Wimplicit-fallthrough)
if(TRADEHOST_WERROR)
  target_compile_options(tradehost_warnings INTERFACE -Werror)
endif()
