# cmake -DPROGRAM=exe "-DARGS=--version" "-DEXPECT=regex" -P expect_output.cmake
# Runs PROGRAM ARGS and fails unless it exits 0 AND its standard output matches EXPECT
# (PASS_REGULAR_EXPRESSION alone would pass a program that prints the line and then fails).
separate_arguments(args UNIX_COMMAND "${ARGS}")
execute_process(COMMAND ${PROGRAM} ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc STREQUAL "0")
  message(FATAL_ERROR "${PROGRAM} ${ARGS}: exit status ${rc}\nstdout: ${out}\nstderr: ${err}")
endif()
if(NOT out MATCHES "${EXPECT}")
  message(FATAL_ERROR "${PROGRAM} ${ARGS}: output does not match '${EXPECT}':\n${out}")
endif()
message(STATUS "${out}")
