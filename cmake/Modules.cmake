# One static library per stage of the pipeline (src/<module>/*.cpp). A module
# may only use the modules named in DEPS, which keeps the layering honest.
function(cratescope_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/${name}/*.cpp)
  if(NOT sources)  # a module being written: keep the build configurable
    set(sources ${PROJECT_BINARY_DIR}/empty_${name}.cpp)
    file(WRITE ${sources} "")
  endif()
  add_library(cs_${name} STATIC ${sources})
  target_include_directories(cs_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(cs_${name} PUBLIC ${ARG_DEPS})
  cratescope_warnings(cs_${name})
endfunction()

function(cratescope_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
  if(CRATESCOPE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(CRATESCOPE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
