# Compiler warnings and sanitizers shared by every target of the project.
add_library(precinct_options INTERFACE)
target_compile_options(precinct_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough)
if(PRECINCT_WERROR)
  target_compile_options(precinct_options INTERFACE -Werror)
endif()
if(PRECINCT_SANITIZE)
  target_compile_options(precinct_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                    -fno-sanitize-recover=undefined)
  target_link_options(precinct_options INTERFACE -fsanitize=address,undefined)
endif()
if(PRECINCT_FUZZ)
  # Coverage instrumentation for libFuzzer on every library, with ASan and UBSan.
  # UB is fatal here as in the debug build: a report that only prints would pass the run.
  target_compile_options(precinct_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                                                    -fno-sanitize-recover=undefined)
  target_link_options(precinct_options INTERFACE -fsanitize=address,undefined)
endif()
# Where the built console lives unless the config says otherwise.
set(PRECINCT_DEFAULT_WEB_ROOT "${CMAKE_SOURCE_DIR}/web/dist" CACHE PATH "Built web console")
# Where scripts/setup puts the prepared plate models unless the config says otherwise.
set(PRECINCT_DEFAULT_PLATE_MODELS "${CMAKE_SOURCE_DIR}/models/ppocr" CACHE PATH "Prepared plate models")
