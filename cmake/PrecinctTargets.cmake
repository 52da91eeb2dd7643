# precinct_add_library(NAME SOURCES ... DEPS ...): a library of the platform under src/.
# Sources ending in _test.cpp become the library's unit test executable (CTest label `unit`).
function(precinct_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  set(lib_sources "")
  set(test_sources "")
  foreach(src IN LISTS ARG_SOURCES)
    if(src MATCHES "_test\\.cpp$")
      list(APPEND test_sources ${src})
    else()
      list(APPEND lib_sources ${src})
    endif()
  endforeach()
  add_library(precinct_${name} STATIC ${lib_sources})
  target_link_libraries(precinct_${name} PUBLIC precinct_options ${ARG_DEPS})
  target_include_directories(precinct_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  if(PRECINCT_TESTS AND test_sources AND NOT PRECINCT_FUZZ)
    add_executable(precinct_${name}_test ${test_sources})
    target_link_libraries(precinct_${name}_test PRIVATE precinct_${name} GTest::gtest GTest::gtest_main GTest::gmock)
    add_test(NAME ${name}_unit COMMAND precinct_${name}_test)
    set_tests_properties(${name}_unit PROPERTIES LABELS unit TIMEOUT 300)
  endif()
endfunction()

# precinct_add_module(NAME SOURCES ... DEPS ...): a capability under modules/NAME with the public headers in
# modules/NAME/include/precinct/NAME/ (the only thing other code may include).
function(precinct_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  precinct_add_library(${name} SOURCES ${ARG_SOURCES} DEPS precinct_server ${ARG_DEPS})
  target_include_directories(precinct_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                               PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
endfunction()
