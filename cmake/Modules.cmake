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

# The programs (cratescope and the benchmarks, so that the bounds they print
# run on the same allocator) replace glibc's malloc: parsing thousands of
# files is mostly small allocations from two threads, and glibc's malloc
# spent ~18% of the index's cycles there (bench/README.md, session 12).
# jemalloc (libjemalloc-dev) it is: against TBB's scalable allocator, used
# before, the corpus index runs ~6% faster and the model + capabilities ~2%,
# parse-only alike (session 17; mimalloc and tcmalloc were slower still).
# TBB's proxy stays the fallback where jemalloc is missing. Sanitized builds
# keep the sanitizer's allocator. `--no-as-needed`: nothing calls the
# library by name, its symbols replace malloc's.
function(cratescope_allocator target)
  if(CRATESCOPE_SANITIZE OR CRATESCOPE_FUZZ)
    return()
  endif()
  if(TARGET PkgConfig::JEMALLOC)
    target_link_libraries(${target} PRIVATE "-Wl,--push-state,--no-as-needed" PkgConfig::JEMALLOC "-Wl,--pop-state")
  elseif(TARGET TBB::tbbmalloc_proxy)
    target_link_libraries(${target} PRIVATE "-Wl,--push-state,--no-as-needed" TBB::tbbmalloc_proxy "-Wl,--pop-state")
  endif()
endfunction()
