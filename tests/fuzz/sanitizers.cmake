# LAMINAR_SANITIZE / LAMINAR_FUZZ: compile flags for every target of the build directory, so
# the core libraries the fuzz targets and tests link are themselves checked (and, for
# fuzzing, instrumented for coverage). Included from the top-level CMakeLists.txt before
# any target exists.
if(LAMINAR_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "LAMINAR_FUZZ=ON needs clang (libFuzzer): configure with CC=clang CXX=clang++")
  endif()
  set(LAMINAR_SANITIZE ON CACHE BOOL "" FORCE)
  # Coverage for libFuzzer in every object; the fuzzer runtime (main) only in the targets.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
if(LAMINAR_SANITIZE)
  # -fno-sanitize-recover: undefined behaviour fails the test instead of printing and going on.
  # -O1: the optimisation level the sanitizers are documented with; it also keeps the
  # compile of the libtorch-heavy sources affordable in CI (-O3 costs far more, finds no more).
  add_compile_options(-O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g1)
  add_link_options(-fsanitize=address,undefined)
endif()
